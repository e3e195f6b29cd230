#!/bin/sh
# One-shot set-up of the compose citus profile: tells the coordinator where it and its workers are.
# Safe to run again (citus_add_node returns the existing node's id).
set -eu
psql -v ON_ERROR_STOP=1 -h citus-coordinator -U jobsight -d jobsight \
  -c "select citus_set_coordinator_host('citus-coordinator', 5432)" \
  -c "select citus_add_node('citus-worker1', 5432)" \
  -c "select citus_add_node('citus-worker2', 5432)" \
  -c "select nodename, nodeport from citus_get_active_worker_nodes() order by 1"
