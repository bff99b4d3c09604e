/* server-db: the built-in "_Server" database of ovsdb-server(5).
 *
 * Its one table, Database, has a row per database the server serves
 * (including _Server itself): name, model ("standalone"), connected and
 * leader (always true for standalone databases), schema (the database's
 * schema as compact JSON text) and the clustered-only columns cid, sid
 * and index (empty).  Clients such as OVS's IDL monitor it to learn about
 * databases being added, removed or converted; the server keeps it up to
 * date with ovsdb_server_db_update(). */
#ifndef OVSDB_SERVER_DB_H
#define OVSDB_SERVER_DB_H 1

#include <stddef.h>
#include "util.h"

struct ovsdb;

/* The name of the built-in database. */
#define OVSDB_SERVER_DB_NAME "_Server"

/* Creates an empty _Server database (no rows yet).  Caller destroys it
 * with ovsdb_destroy(). */
struct ovsdb *ovsdb_server_db_create(void);

/* Makes the Database table of SERVER_DB describe exactly the N_DBS
 * databases in DBS (borrowed; SERVER_DB itself should be among them):
 * rows of databases that are gone are deleted, rows are added for new
 * databases, and the "schema" of a database whose schema changed is
 * updated.  Commits one transaction if anything changed. */
void ovsdb_server_db_update(struct ovsdb *server_db,
                            struct ovsdb *const *dbs, size_t n_dbs);

#endif /* ovsdb/server-db.h */
