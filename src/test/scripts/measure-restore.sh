#!/usr/bin/env bash
# Measures the restore of the task store after kill -9 at growing sizes (docs/operations.md,
# "Failover and restart"). A KRaft broker (in the harness JVM) and Apicurio (its own JVM, from
# target/apicurio) are started; the task store's changelog is written directly with N tasks as the
# service stores them (see MeasureRestore.java); then `java -jar target/feedback-router.jar run` is
# started on an empty state directory, timed to "Restored local state" and to RUNNING, and killed.
#
#   src/test/scripts/measure-restore.sh TASKS[,TASKS...] [MODEL_FILE|-]
#
# e.g. java -jar target/feedback-router.jar taxonomy train --out target/model.bin
#      src/test/scripts/measure-restore.sh 250000,500000,1000000 target/model.bin
# Needs `mvn -B -q -o package -DskipTests` (the jar) and `mvn verify` once (target/apicurio).
# The service inherits the environment (e.g. KAFKA_NUM_STANDBY_REPLICAS). Prints RESULT lines;
# the service logs stay in the work dir (about 1 GB per million tasks: broker log and state).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
if [[ ! -f target/test-classpath.txt ]]; then
  mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
fi
java -Xmx2g -Dapicurio.dir=target/apicurio \
  -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" \
  src/test/scripts/MeasureRestore.java "$@"
