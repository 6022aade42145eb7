package org.feedbackrouter.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The Prometheus registry with the JVM and process metrics bound. */
public final class MeterRegistries {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MeterRegistries.class);

  private MeterRegistries() {}

  public static PrometheusMeterRegistry prometheus() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Before any binder: a filter only applies to meters registered after it.
    registry.config().meterFilter(new PrometheusMeterFilter());
    registry.config().namingConvention(PrometheusMeterFilter.naming());
    registry.config().onMeterRegistrationFailed((id, reason) -> LOG.warn("Metric {} not exported: {}", id.getName(), reason));
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    // The GC binder holds listeners that live as long as the registry: the process's lifetime.
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }
}
