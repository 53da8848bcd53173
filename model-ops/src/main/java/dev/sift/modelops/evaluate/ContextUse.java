package dev.sift.modelops.evaluate;

/** Whether a context-aware model judges labeled turns with their threads' earlier turns or each turn alone. */
public enum ContextUse {
    /** Each turn with the earlier turns of its thread, as a gateway that saw them decides. */
    WITH_CONTEXT,
    /** Each turn with an empty thread memory: the same model judging the turn alone. */
    WITHOUT_CONTEXT
}
