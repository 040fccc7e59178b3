/* The part of SQLite's C interface (sqlite3.h, public domain) that
** packed_rows uses. The functions are those of the SQLite that
** github.com/mattn/go-sqlite3 builds into the program. */
#include <stdint.h>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_context sqlite3_context;
typedef struct sqlite3_value sqlite3_value;
typedef struct sqlite3_api_routines sqlite3_api_routines;
typedef int64_t sqlite3_int64;
typedef uint64_t sqlite3_uint64;
typedef struct sqlite3_vtab sqlite3_vtab;
typedef struct sqlite3_vtab_cursor sqlite3_vtab_cursor;
typedef struct sqlite3_index_info sqlite3_index_info;
typedef struct sqlite3_module sqlite3_module;

struct sqlite3_module {
  int iVersion;
  int (*xCreate)(sqlite3*, void*, int, const char*const*, sqlite3_vtab**, char**);
  int (*xConnect)(sqlite3*, void*, int, const char*const*, sqlite3_vtab**, char**);
  int (*xBestIndex)(sqlite3_vtab*, sqlite3_index_info*);
  int (*xDisconnect)(sqlite3_vtab*);
  int (*xDestroy)(sqlite3_vtab*);
  int (*xOpen)(sqlite3_vtab*, sqlite3_vtab_cursor**);
  int (*xClose)(sqlite3_vtab_cursor*);
  int (*xFilter)(sqlite3_vtab_cursor*, int, const char*, int, sqlite3_value**);
  int (*xNext)(sqlite3_vtab_cursor*);
  int (*xEof)(sqlite3_vtab_cursor*);
  int (*xColumn)(sqlite3_vtab_cursor*, sqlite3_context*, int);
  int (*xRowid)(sqlite3_vtab_cursor*, sqlite3_int64*);
  int (*xUpdate)(sqlite3_vtab*, int, sqlite3_value**, sqlite3_int64*);
  int (*xBegin)(sqlite3_vtab*);
  int (*xSync)(sqlite3_vtab*);
  int (*xCommit)(sqlite3_vtab*);
  int (*xRollback)(sqlite3_vtab*);
  int (*xFindFunction)(sqlite3_vtab*, int, const char*, void (**)(sqlite3_context*, int, sqlite3_value**), void**);
  int (*xRename)(sqlite3_vtab*, const char*);
};

struct sqlite3_index_info {
  int nConstraint;
  struct sqlite3_index_constraint {
    int iColumn;
    unsigned char op;
    unsigned char usable;
    int iTermOffset;
  } *aConstraint;
  int nOrderBy;
  struct sqlite3_index_orderby {
    int iColumn;
    unsigned char desc;
  } *aOrderBy;
  struct sqlite3_index_constraint_usage {
    int argvIndex;
    unsigned char omit;
  } *aConstraintUsage;
  int idxNum;
  char *idxStr;
  int needToFreeIdxStr;
  int orderByConsumed;
  double estimatedCost;
  sqlite3_int64 estimatedRows;
  int idxFlags;
  sqlite3_uint64 colUsed;
};

struct sqlite3_vtab {
  const sqlite3_module *pModule;
  int nRef;
  char *zErrMsg;
};

struct sqlite3_vtab_cursor {
  sqlite3_vtab *pVtab;
};

#define SQLITE_OK 0
#define SQLITE_ERROR 1
#define SQLITE_NOMEM 7
#define SQLITE_CONSTRAINT 19
#define SQLITE_BLOB 4
#define SQLITE_INDEX_CONSTRAINT_EQ 2
#define SQLITE_VTAB_INNOCUOUS 2
#define SQLITE_TRANSIENT ((void (*)(void*))-1)

int sqlite3_auto_extension(void (*)(void));
int sqlite3_create_module(sqlite3*, const char*, const sqlite3_module*, void*);
int sqlite3_declare_vtab(sqlite3*, const char*);
int sqlite3_vtab_config(sqlite3*, int, ...);
void *sqlite3_malloc64(sqlite3_uint64);
void sqlite3_free(void*);
char *sqlite3_mprintf(const char*, ...);
const void *sqlite3_value_blob(sqlite3_value*);
int sqlite3_value_bytes(sqlite3_value*);
int sqlite3_value_type(sqlite3_value*);
void sqlite3_result_null(sqlite3_context*);
void sqlite3_result_int64(sqlite3_context*, sqlite3_int64);
void sqlite3_result_double(sqlite3_context*, double);
void sqlite3_result_text(sqlite3_context*, const char*, int, void (*)(void*));
