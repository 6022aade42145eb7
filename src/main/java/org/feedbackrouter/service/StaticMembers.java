package org.feedbackrouter.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes this instance's dead static members out of the consumer group, so that nobody waits for
 * their session to expire. Kafka Streams gives a replacement stream thread a new index, hence a new
 * {@code group.instance.id} ({@code <base>-<index>}), and keeps the dead thread's member in the
 * group: without this, the rebalance that brings the replacement in waits out the dead member's
 * session (45 s by default), and so does the next restart, whose threads count from 1 again.
 * Admin calls never run on a stream thread: removals after a thread death go to a thread of
 * their own.
 */
final class StaticMembers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StaticMembers.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration THREAD_DEATH_TIMEOUT = Duration.ofSeconds(60);

  private final Admin admin;
  private final String groupId;
  private final Optional<String> base;
  private final ExecutorService removals = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "static-member-removal");
    t.setDaemon(true);
    return t;
  });

  /** {@code base} is the configured {@code group.instance.id} before Kafka Streams appends the thread index. */
  StaticMembers(Admin admin, String groupId, Optional<String> base) {
    this.admin = admin;
    this.groupId = groupId;
    this.base = base;
  }

  /**
   * Before the stream threads start: every member of the group under this instance's base id is
   * a previous run of this instance (a process killed without leaving, or a thread it replaced).
   */
  void removeLeftovers() {
    if (base.isEmpty()) {
      return;
    }
    try {
      ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)
          .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      List<String> ours = group.members().stream()
          .map(MemberDescription::groupInstanceId)
          .flatMap(Optional::stream)
          .filter(StaticMembers.this::isOurs)
          .toList();
      if (!ours.isEmpty()) {
        remove(ours);
        LOG.info("Removed {} static member(s) left in group {} by an earlier run of this instance: {}",
            ours.size(), groupId, ours);
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return;
      }
      LOG.warn("Could not check group {} for members left by an earlier run ({})", groupId, e.getCause().toString());
    } catch (TimeoutException e) {
      // Not fatal: a static member of a previous run is replaced on rejoin anyway; only the extra
      // ones (replaced threads) would delay the first rebalance, by at most their session.
      LOG.warn("Could not check group {} for members left by an earlier run ({})", groupId, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Once {@code dying} has ended (it is a stream thread being replaced), removes its member. */
  void removeWhenDead(Thread dying) {
    Optional<String> member = base.map(b -> b + "-" + threadIndex(dying.getName()));
    if (member.isEmpty() || member.get().endsWith("-")) {
      return;
    }
    removals.execute(() -> {
      try {
        dying.join(THREAD_DEATH_TIMEOUT.toMillis());
        remove(List.of(member.get()));
        LOG.info("Removed static member {} of replaced stream thread {} from group {}", member.get(),
            dying.getName(), groupId);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownMemberIdException) {
          LOG.debug("Static member {} had already left group {}", member.get(), groupId);
        } else {
          LOG.warn("Could not remove static member {} of replaced stream thread {} ({}); the group waits for"
              + " its session to expire", member.get(), dying.getName(), e.getCause().toString());
        }
      } catch (TimeoutException e) {
        LOG.warn("Could not remove static member {} of replaced stream thread {} ({}); the group waits for"
            + " its session to expire", member.get(), dying.getName(), e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  @Override
  public void close() {
    removals.shutdownNow();
  }

  private boolean isOurs(String instanceId) {
    String prefix = base.orElseThrow() + "-";
    return instanceId.startsWith(prefix) && instanceId.substring(prefix.length()).chars().allMatch(Character::isDigit);
  }

  private void remove(List<String> instanceIds) throws ExecutionException, TimeoutException, InterruptedException {
    admin.removeMembersFromConsumerGroup(groupId, new RemoveMembersFromConsumerGroupOptions(
            instanceIds.stream().map(MemberToRemove::new).toList()))
        .all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stream threads are named {@code <client id>-StreamThread-<index>}. */
  static String threadIndex(String threadName) {
    int dash = threadName.lastIndexOf('-');
    String index = threadName.substring(dash + 1);
    return !index.isEmpty() && index.chars().allMatch(Character::isDigit) ? index : "";
  }
}
