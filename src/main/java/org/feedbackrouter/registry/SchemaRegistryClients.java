package org.feedbackrouter.registry;

/** Chooses the registry client for a configuration. */
public final class SchemaRegistryClients {

  private SchemaRegistryClients() {}

  /** mock://&lt;scope&gt; gives the in-memory registry of that scope; http(s):// gives a caching HTTP client. */
  public static SchemaRegistryClient create(RegistryConfig config) {
    if (config.isMock()) {
      return MockSchemaRegistry.scope(config.mockScope());
    }
    return new CachingSchemaRegistryClient(new HttpSchemaRegistryClient(config));
  }
}
