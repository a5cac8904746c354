package io.aftercare.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;

/**
 * CPU time used by the JVM's platform threads, by thread (virtual threads count on their carriers,
 * {@code ForkJoinPool-1-worker-N}), and by the whole process, with the stop-the-world GC pauses; a sample or the
 * difference of two. Immutable.
 */
record ThreadCpu(Map<Long, String> names, Map<Long, Long> nanos, long process, long gcPauses, long gcMillis) {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static ThreadCpu take() {
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> nanos = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    names.put(info.getThreadId(), info.getThreadName());
                    nanos.put(info.getThreadId(), cpu);
                }
            }
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long pauses = 0;
        long millis = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Concurrent") && !gc.getName().contains("Cycles")) { // stop-the-world only
                pauses += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
        }
        return new ThreadCpu(Map.copyOf(names), Map.copyOf(nanos), process, pauses, millis);
    }

    /** What was used since {@code earlier} (threads that ended meanwhile are left out; the process total has them). */
    ThreadCpu since(ThreadCpu earlier) {
        Map<Long, Long> used = new HashMap<>();
        nanos.forEach((id, n) -> used.put(id, n - earlier.nanos.getOrDefault(id, 0L)));
        return new ThreadCpu(names, Map.copyOf(used), process - earlier.process, gcPauses - earlier.gcPauses,
                gcMillis - earlier.gcMillis);
    }

    /** Adds the CPU time of a thread that ended before the sample, under {@code name}. */
    ThreadCpu with(String name, long cpuNanos) {
        Map<Long, String> n = new HashMap<>(names);
        Map<Long, Long> c = new HashMap<>(nanos);
        long id = -1 - n.size(); // no live thread has a negative id
        n.put(id, name);
        c.put(id, cpuNanos);
        return new ThreadCpu(Map.copyOf(n), Map.copyOf(c), process, gcPauses, gcMillis);
    }

    /** CPU seconds by thread group (the name without its number), largest first, as shares of the process's. */
    void print(String title, double wallSeconds) {
        Map<String, Long> groups = new TreeMap<>();
        nanos.forEach((id, n) -> groups.merge(group(names.get(id)), n, Long::sum));
        System.out.printf(Locale.ROOT, "%s: process %.1f s CPU in %.1f s (%.2f cores); GC: %d pauses, %d ms%n",
                title, process / 1e9, wallSeconds, process / 1e9 / Math.max(1e-9, wallSeconds), gcPauses, gcMillis);
        groups.entrySet().stream().filter(g -> g.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue()
                .reversed()).limit(10).forEach(g -> System.out.printf(Locale.ROOT, "    %-45s %6.1f s  %3.0f %%%n",
                g.getKey(), g.getValue() / 1e9, 100.0 * g.getValue() / Math.max(1, process)));
        long rest = process - nanos.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "    %-45s %6.1f s  %3.0f %%%n", "(GC, JIT and threads ended meanwhile)",
                rest / 1e9, 100.0 * rest / Math.max(1, process));
    }

    /** The threads' group: {@code screenpop-3} and {@code vert.x-eventloop-thread-0} lose their number. */
    static String group(String name) {
        return name.replaceAll("[-# ]?\\d+$", "").replace("Asterisk-Java ManagerConnection-", "asterisk-java ");
    }

    /**
     * Waits until the threads whose names start with {@code prefix} have used no CPU for a second (or {@code max}
     * passed); returns the seconds from the call to the last CPU they used.
     */
    static double waitIdle(String prefix, Duration max) throws InterruptedException {
        long start = System.nanoTime();
        long lastUse = start;
        long last = cpuOf(prefix);
        while (System.nanoTime() - lastUse < 1_000_000_000L && System.nanoTime() - start < max.toNanos()) {
            Thread.sleep(50); // a benchmark's drain, not a test
            long now = cpuOf(prefix);
            if (now != last) {
                last = now;
                lastUse = System.nanoTime();
            }
        }
        return (lastUse - start) / 1e9;
    }

    /**
     * Waits until the process used under a tenth of a core over half a second (at most 15 s), so that one run's
     * clock does not start during the previous run's closing or the app's start-up work.
     */
    static void settle() throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        long before = take().process();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500); // a benchmark's pause between runs, not a test
            long now = take().process();
            if (now - before < 50_000_000L) {
                return;
            }
            before = now;
        }
    }

    private static long cpuOf(String prefix) {
        ThreadCpu sample = take();
        return sample.nanos.entrySet().stream().filter(e -> sample.names.get(e.getKey()).startsWith(prefix))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
