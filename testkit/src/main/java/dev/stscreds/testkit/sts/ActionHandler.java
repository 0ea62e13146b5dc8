package dev.stscreds.testkit.sts;

/** One Query action: reads its parameters and returns the inside of its {@code <ActionResult>}, or null when it has none. */
@FunctionalInterface
interface ActionHandler {
    Xml run(QueryParams params, Identity caller);
}
