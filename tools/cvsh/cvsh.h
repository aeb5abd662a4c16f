/*
 * cvsh: cloudvirt's virsh. One command per invocation, or a batch of
 * commands on one connection. Built only on the public API.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <cloudvirt/cloudvirt.h>

typedef struct {
    char *uri;
    unsigned int open_flags;
    cv_connect *conn;        /* opened on first use, shared by a batch */
    bool json;
    bool debug;
} cvsh_ctx;

/* Parsed command line of one command: --flags, --key value, positionals. */
typedef struct {
    GHashTable *flags;       /* "--all" -> "" or "--description" -> value */
    GPtrArray *pos;          /* char* */
} cvsh_args;

typedef struct cvsh_cmd cvsh_cmd;
typedef int (*cvsh_handler)(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *args);

struct cvsh_cmd {
    const char *name;
    const char *group;
    const char *usage;       /* "DOMAIN [--paused]" */
    const char *help;        /* one line */
    const char *const *flags;   /* boolean options, NULL-terminated */
    const char *const *values;  /* options taking a value */
    int min_pos, max_pos;
    cvsh_handler run;
};

/* Command tables, one per group (cmd-*.c), each ending with a NULL name. */
extern const cvsh_cmd cvsh_domain_cmds[];
extern const cvsh_cmd cvsh_snapshot_cmds[];
extern const cvsh_cmd cvsh_network_cmds[];
extern const cvsh_cmd cvsh_storage_cmds[];
extern const cvsh_cmd cvsh_host_cmds[];

/* args.c */
int cvsh_args_parse(const cvsh_cmd *cmd, int argc, char **argv, cvsh_args *out);
void cvsh_args_clear(cvsh_args *args);
bool cvsh_flag(cvsh_args *args, const char *name);
const char *cvsh_value(cvsh_args *args, const char *name);
const char *cvsh_pos(cvsh_args *args, guint i);
cv_connect *cvsh_conn(cvsh_ctx *ctx);
cv_domain *cvsh_domain(cvsh_ctx *ctx, const char *ident);
cv_network *cvsh_network(cvsh_ctx *ctx, const char *ident);
cv_pool *cvsh_pool(cvsh_ctx *ctx, const char *name);
int cvsh_parse_size(const char *text, guint64 default_unit, guint64 *bytes);
char *cvsh_read_file(const char *path);
unsigned int cvsh_modify_flags(cvsh_args *args);

/* output.c */
int cvsh_fail(const char *fmt, ...) G_GNUC_PRINTF(1, 2);   /* prints, returns -1 */
int cvsh_api_fail(const char *what);                       /* from cv_error_last() */
void cvsh_print_json(JsonBuilder *b);
void cvsh_json_result(cvsh_ctx *ctx, const char *message);  /* text or {"result":...} */
const char *cvsh_state_name(int state);
char *cvsh_format_kib(guint64 kib);
