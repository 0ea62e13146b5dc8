package dev.stscreds.serve;

import java.util.Optional;

/** One check every request passes before an endpoint sees it; a refusal is the answer instead. */
@FunctionalInterface
interface RequestCheck {
    Optional<ServerResponse> refusal(ServerRequest request);
}
