/* ovsdb-client-monitor: ovsdb-client's "monitor", "monitor-cond" and
 * "monitor-cond-since" commands.
 *
 * Each prints the initial contents of the monitored table(s), then every
 * change as OVS 3.1's ovsdb-client does: one output table per changed
 * database table with "row" and "action" columns followed by the
 * monitored columns ("initial", "insert", "delete", "old"/"new" pairs for
 * RFC 7047 updates, "modify" with the changed values for update2 and
 * update3).  With --detach the process daemonizes once the initial
 * contents are printed; a unixctl server offers "exit",
 * "ovsdb-client/block", "ovsdb-client/unblock" and
 * "ovsdb-client/cond_change TABLE COND".
 *
 * The handlers never return: they exit when the connection ends (status
 * 1, "SERVER: receive failed (...)") or on "exit" (status 0). */
#ifndef OVSDB_CLIENT_MONITOR_H
#define OVSDB_CLIENT_MONITOR_H 1

#include "ovsdb-client-rpc.h"

/* ARGV: TABLE [COLUMN[,COLUMN]...]... or ALL.  CTX borrowed. */
void ovsdb_client_monitor(struct ovsdb_client_context *ctx, int argc,
                          char *argv[]);
/* ARGV: CONDITION TABLE [COLUMN[,COLUMN]...]. */
void ovsdb_client_monitor_cond(struct ovsdb_client_context *ctx, int argc,
                               char *argv[]);
/* ARGV: [LASTID] CONDITION TABLE [COLUMN[,COLUMN]...]... */
void ovsdb_client_monitor_cond_since(struct ovsdb_client_context *ctx,
                                     int argc, char *argv[]);

#endif /* ovsdb/ovsdb-client-monitor.h */
