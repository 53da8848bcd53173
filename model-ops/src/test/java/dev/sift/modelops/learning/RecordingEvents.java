package dev.sift.modelops.learning;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Join events, recorded for assertions. */
final class RecordingEvents implements JoinEvents {

    final List<LabeledExample> joined = new ArrayList<>();
    final Map<RefusalReason, Integer> refused = new EnumMap<>(RefusalReason.class);
    int requestsDropped;

    @Override
    public void joined(LabeledExample example, boolean replaced) {
        joined.add(example);
    }

    @Override
    public void refused(RefusalReason reason) {
        refused.merge(reason, 1, Integer::sum);
    }

    @Override
    public void requestDropped() {
        requestsDropped++;
    }
}
