/* packed_rows(data): the rows a statement writes, packed into one blob,
** as a table-valued function with the columns i (the row's number, from
** 0) and c0, c1, ... (its values). packed.go writes the blob and says
** its format. */
#include <string.h>
#include "sqlite3_part.h"

#define ROWS_MAX_COLS 48 /* packed.MaxValues */
#define ROWS_COL_I 0
#define ROWS_COL_DATA (ROWS_MAX_COLS + 1)

enum { TAG_NULL = 0, TAG_INT = 1, TAG_TEXT = 2, TAG_REAL = 3 };

typedef struct {
  sqlite3_vtab_cursor base;
  unsigned char *buf;   /* the blob, copied */
  sqlite3_int64 n;      /* its size */
  int ncols;            /* values in a row */
  sqlite3_int64 pos;    /* where the current row starts */
  sqlite3_int64 next;   /* where the row after it starts */
  sqlite3_int64 i;      /* the current row's number, from 0 */
  sqlite3_int64 offs[ROWS_MAX_COLS];
} rows_cursor;

static int rowsConnect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **pp, char **err) {
  char schema[16 + ROWS_MAX_COLS * 5 + 32];
  char *s = schema;
  int k;
  sqlite3_vtab *vt;
  memcpy(s, "CREATE TABLE x(i", 16);
  s += 16;
  for (k = 0; k < ROWS_MAX_COLS; k++) {
    *s++ = ',';
    *s++ = 'c';
    if (k >= 10) *s++ = (char)('0' + k / 10);
    *s++ = (char)('0' + k % 10);
  }
  memcpy(s, ",data HIDDEN)", 14);
  int rc = sqlite3_declare_vtab(db, schema);
  if (rc != SQLITE_OK) return rc;
  vt = sqlite3_malloc64(sizeof(*vt));
  if (vt == 0) return SQLITE_NOMEM;
  memset(vt, 0, sizeof(*vt));
  sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  *pp = vt;
  return SQLITE_OK;
}

static int rowsDisconnect(sqlite3_vtab *vt) {
  sqlite3_free(vt);
  return SQLITE_OK;
}

/* packed_rows needs its data: a plan without it is refused. */
static int rowsBestIndex(sqlite3_vtab *vt, sqlite3_index_info *info) {
  int k;
  for (k = 0; k < info->nConstraint; k++) {
    if (info->aConstraint[k].iColumn == ROWS_COL_DATA && info->aConstraint[k].op == SQLITE_INDEX_CONSTRAINT_EQ) {
      if (!info->aConstraint[k].usable) return SQLITE_CONSTRAINT;
      info->aConstraintUsage[k].argvIndex = 1;
      info->aConstraintUsage[k].omit = 1;
      info->estimatedCost = 1;
      info->estimatedRows = 1000;
      return SQLITE_OK;
    }
  }
  return SQLITE_CONSTRAINT;
}

static int rowsOpen(sqlite3_vtab *vt, sqlite3_vtab_cursor **pp) {
  rows_cursor *c = sqlite3_malloc64(sizeof(*c));
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  *pp = &c->base;
  return SQLITE_OK;
}

static int rowsClose(sqlite3_vtab_cursor *cur) {
  rows_cursor *c = (rows_cursor *)cur;
  sqlite3_free(c->buf);
  sqlite3_free(c);
  return SQLITE_OK;
}

static int rowsFail(rows_cursor *c, const char *why) {
  sqlite3_vtab *vt = c->base.pVtab;
  sqlite3_free(vt->zErrMsg);
  vt->zErrMsg = sqlite3_mprintf("packed_rows: %s at byte %lld", why, (long long)c->pos);
  return SQLITE_ERROR;
}

static sqlite3_int64 get32(const unsigned char *p) {
  return (sqlite3_int64)p[0] | (sqlite3_int64)p[1] << 8 | (sqlite3_int64)p[2] << 16 | (sqlite3_int64)p[3] << 24;
}

static sqlite3_uint64 get64(const unsigned char *p) {
  sqlite3_uint64 v = 0;
  int k;
  for (k = 7; k >= 0; k--) v = v << 8 | p[k];
  return v;
}

/* scan finds the values of the row at pos, or says the blob is done. */
static int rowsScan(rows_cursor *c) {
  sqlite3_int64 p = c->pos;
  int k;
  if (p == c->n) return SQLITE_OK;
  for (k = 0; k < c->ncols; k++) {
    if (p >= c->n) return rowsFail(c, "a row is cut short");
    c->offs[k] = p;
    switch (c->buf[p]) {
    case TAG_NULL:
      p += 1;
      break;
    case TAG_INT:
    case TAG_REAL:
      if (c->n - p < 9) return rowsFail(c, "a number is cut short");
      p += 9;
      break;
    case TAG_TEXT: {
      sqlite3_int64 len;
      if (c->n - p < 5) return rowsFail(c, "a text's length is cut short");
      len = get32(c->buf + p + 1);
      if (c->n - p - 5 < len) return rowsFail(c, "a text is cut short");
      p += 5 + len;
      break;
    }
    default:
      return rowsFail(c, "a value has an unknown type");
    }
  }
  c->next = p;
  return SQLITE_OK;
}

static int rowsFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc, sqlite3_value **argv) {
  rows_cursor *c = (rows_cursor *)cur;
  const unsigned char *data;
  sqlite3_int64 n;
  sqlite3_free(c->buf);
  c->buf = 0;
  c->n = c->pos = c->next = c->i = 0;
  c->ncols = 0;
  if (argc != 1) return rowsFail(c, "no data");
  if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) return rowsFail(c, "the data is not a blob");
  data = sqlite3_value_blob(argv[0]);
  n = sqlite3_value_bytes(argv[0]);
  if (n < 1 || data[0] < 1 || data[0] > ROWS_MAX_COLS) return rowsFail(c, "the data does not say how many values a row has");
  c->buf = sqlite3_malloc64((sqlite3_uint64)n);
  if (c->buf == 0) return SQLITE_NOMEM;
  memcpy(c->buf, data, (size_t)n);
  c->n = n;
  c->ncols = data[0];
  c->pos = 1;
  return rowsScan(c);
}

static int rowsNext(sqlite3_vtab_cursor *cur) {
  rows_cursor *c = (rows_cursor *)cur;
  c->pos = c->next;
  c->i++;
  return rowsScan(c);
}

static int rowsEof(sqlite3_vtab_cursor *cur) {
  rows_cursor *c = (rows_cursor *)cur;
  return c->pos >= c->n;
}

static int rowsColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col) {
  rows_cursor *c = (rows_cursor *)cur;
  const unsigned char *p;
  if (col == ROWS_COL_I) {
    sqlite3_result_int64(ctx, c->i);
    return SQLITE_OK;
  }
  if (col < 1 || col > c->ncols) {
    sqlite3_result_null(ctx);
    return SQLITE_OK;
  }
  p = c->buf + c->offs[col - 1];
  switch (p[0]) {
  case TAG_INT:
    sqlite3_result_int64(ctx, (sqlite3_int64)get64(p + 1));
    break;
  case TAG_REAL: {
    sqlite3_uint64 bits = get64(p + 1);
    double d;
    memcpy(&d, &bits, sizeof d);
    sqlite3_result_double(ctx, d);
    break;
  }
  case TAG_TEXT:
    sqlite3_result_text(ctx, (const char *)p + 5, (int)get32(p + 1), SQLITE_TRANSIENT);
    break;
  default:
    sqlite3_result_null(ctx);
  }
  return SQLITE_OK;
}

static int rowsRowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid) {
  *rowid = ((rows_cursor *)cur)->i;
  return SQLITE_OK;
}

static const sqlite3_module rowsModule = {
  1, 0, rowsConnect, rowsBestIndex, rowsDisconnect, 0, rowsOpen, rowsClose,
  rowsFilter, rowsNext, rowsEof, rowsColumn, rowsRowid,
  0, 0, 0, 0, 0, 0, 0,
};

static int rowsInit(sqlite3 *db, char **err, const sqlite3_api_routines *api) {
  return sqlite3_create_module(db, "packed_rows", &rowsModule, 0);
}

/* packedRowsRegister makes packed_rows known to every connection opened
** after it. */
int packedRowsRegister(void) {
  return sqlite3_auto_extension((void (*)(void))rowsInit);
}
