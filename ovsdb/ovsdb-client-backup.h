/* ovsdb-client-backup: ovsdb-client's "backup" and "restore" commands.
 *
 * backup writes DATABASE's schema and contents to stdout as a standalone
 * database file (OVS's log format: the schema record, then one record
 * holding every row), which ovsdb-server can serve and ovsdb-tool read.
 * restore reads such a file (OVS's or ours) from stdin, checks that its
 * schema matches DATABASE's (unless --force), and replaces DATABASE's
 * contents with it in one transaction; rows get new UUIDs, and
 * references between restored rows follow them. */
#ifndef OVSDB_CLIENT_BACKUP_H
#define OVSDB_CLIENT_BACKUP_H 1

#include "ovsdb-client-rpc.h"

/* Handlers for the commands; CTX (with its connection and database) is
 * borrowed.  They exit with a message on failure. */
void ovsdb_client_backup(struct ovsdb_client_context *ctx, int argc,
                         char *argv[]);
void ovsdb_client_restore(struct ovsdb_client_context *ctx, int argc,
                          char *argv[]);

#endif /* ovsdb/ovsdb-client-backup.h */
