package dev.sift.modelops.cli;

import dev.sift.modelops.service.ModelOpsService;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** Runs model-ops as a service until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the model-ops service: scheduled, triggered and on-demand runs (POST /optimize) that "
                + "retrain on the teacher's labels (sift.feedback) and re-optimize, signed releases, bundle store "
                + "over HTTP. Configuration: application-model-ops.yml / environment.")
final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        var context = ModelOpsService.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            stopped.countDown();
        }, "model-ops-shutdown"));
        stopped.await();
        return 0;
    }
}
