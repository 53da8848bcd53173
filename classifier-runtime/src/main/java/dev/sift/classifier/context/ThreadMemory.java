package dev.sift.classifier.context;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a thread's earlier turns contribute to the next turn's scores: the latest service turn's embedding, the
 * latest customer turn's, and the running sum and count of each side's turns' embeddings. Bounded by design: four
 * vectors and two counts, however long the thread runs.
 *
 * <p>Immutable: {@link #after} returns the memory that includes one more turn. Folding the same turns in the same
 * order gives the same floats bit for bit, which is what lets a gateway, a gateway restored from its changelog and an
 * offline evaluation decide alike.
 */
public final class ThreadMemory {

    private final int width;
    private final float[] lastService;
    private final float[] lastCustomer;
    private final float[] customerSum;
    private final int customerTurns;
    private final float[] serviceSum;
    private final int serviceTurns;

    private ThreadMemory(int width, float[] lastService, float[] lastCustomer, float[] customerSum,
            int customerTurns, float[] serviceSum, int serviceTurns) {
        this.width = width;
        this.lastService = lastService;
        this.lastCustomer = lastCustomer;
        this.customerSum = customerSum;
        this.customerTurns = customerTurns;
        this.serviceSum = serviceSum;
        this.serviceTurns = serviceTurns;
    }

    /**
     * @param width the embedding width of the model the memory is for
     * @return the memory of a thread with no turns yet
     */
    public static ThreadMemory empty(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("an embedding width must be positive, got " + width);
        }
        return new ThreadMemory(width, null, null, null, 0, null, 0);
    }

    /**
     * Rebuilds a memory from its parts (as a state store holds them).
     *
     * @param width embedding width
     * @param lastService the latest service turn's embedding, or {@code null}
     * @param lastCustomer the latest customer turn's embedding, or {@code null}
     * @param customerSum the sum of the customer turns' embeddings, or {@code null} when there were none
     * @param customerTurns how many customer turns the sum holds
     * @param serviceSum the sum of the service turns' embeddings, or {@code null} when there were none
     * @param serviceTurns how many service turns the sum holds
     * @return the memory
     * @throws IllegalArgumentException when the parts contradict each other or hold a value that is not finite
     */
    public static ThreadMemory of(int width, float[] lastService, float[] lastCustomer, float[] customerSum,
            int customerTurns, float[] serviceSum, int serviceTurns) {
        ThreadMemory empty = empty(width);
        if (customerTurns < 0 || (customerTurns == 0) != (customerSum == null)
                || (customerTurns == 0) != (lastCustomer == null)) {
            throw new IllegalArgumentException("a thread memory's customer sum, latest customer turn and count ("
                    + customerTurns + ") disagree");
        }
        if (serviceTurns < 0 || (serviceTurns == 0) != (serviceSum == null)
                || (serviceTurns == 0) != (lastService == null)) {
            throw new IllegalArgumentException("a thread memory's service sum, latest service turn and count ("
                    + serviceTurns + ") disagree");
        }
        return new ThreadMemory(width, empty.checked(lastService), empty.checked(lastCustomer),
                empty.checked(customerSum), customerTurns, empty.checked(serviceSum), serviceTurns);
    }

    /**
     * @param role whose turn it was
     * @param embedding the turn's embedding, as the model returned it
     * @return the memory that includes this turn
     * @throws IllegalArgumentException when the embedding has another width or is not finite
     */
    public ThreadMemory after(TurnRole role, float[] embedding) {
        float[] turn = checked(embedding).clone();
        if (role == TurnRole.SERVICE) {
            return new ThreadMemory(width, turn, lastCustomer, customerSum, customerTurns, plus(serviceSum, turn),
                    serviceTurns + 1);
        }
        return new ThreadMemory(width, lastService, turn, plus(customerSum, turn), customerTurns + 1, serviceSum,
                serviceTurns);
    }

    private float[] plus(float[] sum, float[] turn) {
        float[] out = sum == null ? new float[width] : sum.clone();
        for (int i = 0; i < width; i++) {
            out[i] += turn[i];
        }
        return out;
    }

    /**
     * @param slot a context slot
     * @return its embedding for the next turn, zeros when the thread has nothing for it
     */
    public float[] slot(ContextSlot slot) {
        return switch (slot) {
            case PREVIOUS_SERVICE_TURN -> lastService == null ? new float[width] : lastService.clone();
            case PREVIOUS_CUSTOMER_TURN -> lastCustomer == null ? new float[width] : lastCustomer.clone();
            case EARLIER_CUSTOMER_MEAN -> mean(customerSum, customerTurns);
            case EARLIER_SERVICE_MEAN -> mean(serviceSum, serviceTurns);
        };
    }

    /**
     * @param slots the slots a model reads, in its order
     * @return one {@link #slot} per slot, concatenated
     */
    public float[] features(List<ContextSlot> slots) {
        float[] out = new float[slots.size() * width];
        for (int s = 0; s < slots.size(); s++) {
            System.arraycopy(slot(slots.get(s)), 0, out, s * width, width);
        }
        return out;
    }

    private float[] mean(float[] sum, int turns) {
        float[] mean = new float[width];
        if (turns > 0) {
            for (int i = 0; i < width; i++) {
                mean[i] = sum[i] / turns;
            }
        }
        return mean;
    }

    private float[] checked(float[] embedding) {
        if (embedding == null) {
            return null;
        }
        if (embedding.length != width) {
            throw new IllegalArgumentException("an embedding of width " + embedding.length + " does not fit a thread"
                    + " memory of width " + width);
        }
        for (float v : embedding) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("an embedding holds a value that is not finite: " + v);
            }
        }
        return embedding;
    }

    /** @return the embedding width */
    public int width() {
        return width;
    }

    /** @return the latest service turn's embedding (a copy), if any */
    public Optional<float[]> lastService() {
        return Optional.ofNullable(lastService).map(float[]::clone);
    }

    /** @return the latest customer turn's embedding (a copy), if any */
    public Optional<float[]> lastCustomer() {
        return Optional.ofNullable(lastCustomer).map(float[]::clone);
    }

    /** @return the sum of the customer turns' embeddings (a copy), if any */
    public Optional<float[]> customerSum() {
        return Optional.ofNullable(customerSum).map(float[]::clone);
    }

    /** @return how many customer turns the memory holds */
    public int customerTurns() {
        return customerTurns;
    }

    /** @return the sum of the service turns' embeddings (a copy), if any */
    public Optional<float[]> serviceSum() {
        return Optional.ofNullable(serviceSum).map(float[]::clone);
    }

    /** @return how many service turns the memory holds */
    public int serviceTurns() {
        return serviceTurns;
    }

    /** @return whether no turn has been folded in */
    public boolean isEmpty() {
        return serviceTurns == 0 && customerTurns == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThreadMemory m && width == m.width && customerTurns == m.customerTurns
                && serviceTurns == m.serviceTurns && Arrays.equals(lastService, m.lastService)
                && Arrays.equals(lastCustomer, m.lastCustomer) && Arrays.equals(customerSum, m.customerSum)
                && Arrays.equals(serviceSum, m.serviceSum);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(lastService) + Arrays.hashCode(lastCustomer)) + customerTurns;
    }

    @Override
    public String toString() {
        return "ThreadMemory[width=" + width + ", service turns " + serviceTurns + ", customer turns "
                + customerTurns + "]";
    }
}
