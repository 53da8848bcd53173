package dev.sift.modelops.learning;

/** What the join of requests and labels reports as it goes: examples made or changed, labels refused or dropped. */
public interface JoinEvents {

    /** Reports nothing. */
    JoinEvents NONE = new JoinEvents() {
        @Override
        public void joined(LabeledExample example, boolean replaced) {
        }

        @Override
        public void refused(RefusalReason reason) {
        }

        @Override
        public void requestDropped() {
        }
    };

    /**
     * A label met its request's text, or replaced the label of an example.
     *
     * @param example the example now in the data set
     * @param replaced whether it replaced an earlier label of the same snippet
     */
    void joined(LabeledExample example, boolean replaced);

    /**
     * A label was refused or dropped.
     *
     * @param reason why
     */
    void refused(RefusalReason reason);

    /** A request waited longer than {@code pending-ttl} for its label, or was pushed out by {@code max-pending}. */
    void requestDropped();
}
