package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One evaluator shared by 8 threads gives every request the decision one thread gives. The
 * evaluator's lazily filled parts (the per-action statement lists, the patterns built per variable
 * value) are filled concurrently here, since every thread starts on a fresh evaluator together.
 */
class ConcurrencyTest {
  private static final int THREADS = 8;

  @Test
  void eightThreadsDecideAsOneDoes() throws Exception {
    Random random = new Random(20261204L);
    for (int round = 0; round < 40; round++) {
      PolicySet set = null;
      while (set == null) {
        try {
          PolicySet candidate =
              RandomScenarios.build(RandomScenarios.spec(random), RandomScenarios.Style.plain());
          Evaluator.of(candidate);
          set = candidate;
        } catch (InvalidPolicyException e) {
          // try another set
        }
      }
      List<Request> requests = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        requests.add(RandomScenarios.request(random));
      }
      List<Decision> single = new ArrayList<>();
      Evaluator alone = Evaluator.of(set);
      requests.forEach(r -> single.add(alone.evaluate(r)));

      Evaluator shared = Evaluator.of(set);
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<List<Decision>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int offset = t * 61;
          Callable<List<Decision>> task =
              () -> {
                start.await();
                Decision[] out = new Decision[requests.size()];
                for (int i = 0; i < requests.size(); i++) {
                  int index = (i + offset) % requests.size(); // each thread in its own order
                  out[index] = shared.evaluate(requests.get(index));
                }
                return List.of(out);
              };
          results.add(pool.submit(task));
        }
        start.countDown();
        for (Future<List<Decision>> result : results) {
          assertThat(result.get()).as("round %d", round).isEqualTo(single);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
