#!/usr/bin/env bash
# Measures kill -9 -> processing again of the built jar (docs/operations.md, "Measured").
# A KRaft broker (EmbeddedKafkaBroker, in the harness JVM) and Apicurio (its own JVM, unpacked in
# target/apicurio by `mvn verify`) are started; a backlog of synthetic feedback is produced; then
# `java -jar target/feedback-router.jar run` instances (own JVMs) are killed with SIGKILL.
#
#   src/test/scripts/measure-restart.sh single|pair BACKLOG KILLS [MODEL_FILE|-] [SECONDS_BEFORE_FIRST_KILL]
#
# single: one instance, restarted at once after each kill. pair: two instances (same
# application.id), one killed; the survivor must take over. "Processing again": every input
# partition with a backlog left has a new committed offset. The service processes inherit the
# environment, so compare settings with e.g. KAFKA_NUM_STANDBY_REPLICAS=0 or
# KAFKA_SESSION_TIMEOUT_MS=45000. Needs `mvn -B -q -o package -DskipTests` (the jar) and
# `mvn verify` once (target/apicurio). Prints RESULT lines; the instances' logs stay in the work dir.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
if [[ ! -f target/test-classpath.txt ]]; then
  mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
fi
java -Xmx1g -Dapicurio.dir=target/apicurio \
  -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" \
  src/test/scripts/MeasureRestart.java "$@"
