package org.feedbackrouter.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@link RealServices} parameters. The services start on first use and live in the root store, so a test
 * JVM starts them once; JUnit closes them (they are {@link AutoCloseable}) when the whole run ends.
 */
public final class RealServicesExtension implements ParameterResolver, AfterEachCallback {

  private static final Logger LOG = LoggerFactory.getLogger(RealServicesExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealServicesExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == RealServices.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return store(extensionContext).getOrComputeIfAbsent(SharedServices.class, key -> SharedServices.start(), SharedServices.class);
  }

  /** A test that stopped or paused the shared registry and failed before restarting it must not break the tests after it. */
  @Override
  public void afterEach(ExtensionContext context) {
    SharedServices services;
    try {
      services = store(context).get(SharedServices.class, SharedServices.class);
    } catch (RuntimeException startupFailed) {
      // The store rethrows a failed start; parameter resolution has already reported it.
      return;
    }
    if (services != null && services.registry().isPaused()) {
      LOG.warn("{} left the registry paused; resuming it", context.getDisplayName());
      services.registry().resume();
    }
    if (services != null && !services.registry().isRunning()) {
      LOG.warn("{} left the registry stopped; restarting it", context.getDisplayName());
      services.registry().start();
    }
  }

  private static ExtensionContext.Store store(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE);
  }
}
