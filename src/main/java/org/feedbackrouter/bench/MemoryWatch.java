package org.feedbackrouter.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap of this JVM while it runs: the heap just before each collection (from GC
 * notifications, the true high points) and a sample every 100 ms between collections. Process
 * RSS comes from the kernel's high-water mark, which also counts RocksDB and other native memory.
 */
public final class MemoryWatch implements AutoCloseable {
  private final AtomicLong peakHeap = new AtomicLong();
  private final List<Runnable> detach = new ArrayList<>();
  private final Thread sampler;
  private final Set<String> heapPools;

  private MemoryWatch() {
    heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
        .collect(Collectors.toSet());
    NotificationListener listener = (notification, handback) -> {
      if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
        GarbageCollectionNotificationInfo info =
            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        observe(heapOf(info.getGcInfo().getMemoryUsageBeforeGc()));
      }
    };
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        detach.add(() -> {
          try {
            emitter.removeNotificationListener(listener);
          } catch (javax.management.ListenerNotFoundException e) {
            // Already gone: nothing to detach.
          }
        });
      }
    }
    sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        observe(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "bench-memory-watch");
    sampler.setDaemon(true);
    sampler.start();
  }

  public static MemoryWatch start() {
    return new MemoryWatch();
  }

  private long heapOf(Map<String, MemoryUsage> pools) {
    long used = 0;
    for (Map.Entry<String, MemoryUsage> e : pools.entrySet()) {
      if (heapPools.contains(e.getKey())) {
        used += e.getValue().getUsed();
      }
    }
    return used;
  }

  private void observe(long used) {
    peakHeap.accumulateAndGet(used, Math::max);
  }

  public long peakHeapBytes() {
    return peakHeap.get();
  }

  /** The heap the JVM may grow to (-Xmx). */
  public static long maxHeapBytes() {
    return Runtime.getRuntime().maxMemory();
  }

  /** VmHWM from /proc/self/status, in bytes; -1 where there is no /proc (not Linux). */
  public static long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  @Override
  public void close() {
    sampler.interrupt();
    detach.forEach(Runnable::run);
  }
}
