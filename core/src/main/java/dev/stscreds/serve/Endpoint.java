package dev.stscreds.serve;

/** What answers the requests that passed every check. */
@FunctionalInterface
interface Endpoint {
    ServerResponse answer(ServerRequest request);
}
