/*
 * Argument handling shared by every command: virsh-style options, domain
 * identifiers that may be a name, UUID or ID, and sizes with units.
 */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "cvsh.h"

static bool
in_list(const char *const *list, const char *s)
{
    return list && g_strv_contains(list, s);
}

int
cvsh_args_parse(const cvsh_cmd *cmd, int argc, char **argv, cvsh_args *out)
{
    out->flags = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    out->pos = g_ptr_array_new_with_free_func(g_free);

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];

        if (g_str_has_prefix(a, "--") && a[2]) {
            g_autofree char *name = g_strdup(a);
            char *eq = strchr(name, '=');
            const char *value = NULL;

            if (eq) {
                *eq = '\0';
                value = eq + 1;
            }
            if (in_list(cmd->flags, name) && !eq) {
                g_hash_table_insert(out->flags, g_strdup(name), g_strdup(""));
            } else if (in_list(cmd->values, name)) {
                if (!value) {
                    if (i + 1 >= argc)
                        return cvsh_fail("option '%s' of '%s' needs a value", name, cmd->name);
                    value = argv[++i];
                }
                g_hash_table_insert(out->flags, g_strdup(name), g_strdup(value));
            } else {
                return cvsh_fail("command '%s' has no option '%s' (see: cvsh help %s)",
                                 cmd->name, name, cmd->name);
            }
        } else {
            g_ptr_array_add(out->pos, g_strdup(a));
        }
    }
    if ((int)out->pos->len < cmd->min_pos)
        return cvsh_fail("command '%s' needs %s (usage: %s %s)", cmd->name,
                         cmd->min_pos == 1 ? "an argument" : "more arguments",
                         cmd->name, cmd->usage);
    if ((int)out->pos->len > cmd->max_pos)
        return cvsh_fail("command '%s' got an unexpected argument '%s' (usage: %s %s)",
                         cmd->name, (const char *)g_ptr_array_index(out->pos, cmd->max_pos),
                         cmd->name, cmd->usage);
    return 0;
}

void
cvsh_args_clear(cvsh_args *args)
{
    g_clear_pointer(&args->flags, g_hash_table_unref);
    g_clear_pointer(&args->pos, g_ptr_array_unref);
}

bool
cvsh_flag(cvsh_args *args, const char *name)
{
    return g_hash_table_contains(args->flags, name);
}

const char *
cvsh_value(cvsh_args *args, const char *name)
{
    return g_hash_table_lookup(args->flags, name);
}

const char *
cvsh_pos(cvsh_args *args, guint i)
{
    return i < args->pos->len ? g_ptr_array_index(args->pos, i) : NULL;
}

cv_connect *
cvsh_conn(cvsh_ctx *ctx)
{
    if (!ctx->conn && !(ctx->conn = cv_connect_open(ctx->uri, ctx->open_flags)))
        cvsh_api_fail("failed to connect");
    return ctx->conn;
}

/* As virsh: an all-digit identifier is an ID, a UUID is a UUID, and if
 * either finds nothing the text is tried as a name. */
cv_domain *
cvsh_domain(cvsh_ctx *ctx, const char *ident)
{
    cv_connect *conn = cvsh_conn(ctx);
    cv_domain *dom = NULL;
    guint64 id;

    if (!conn)
        return NULL;
    if (g_ascii_string_to_unsigned(ident, 10, 0, G_MAXINT, &id, NULL))
        dom = cv_domain_lookup_by_id(conn, (int)id);
    if (!dom && strlen(ident) == 36)
        dom = cv_domain_lookup_by_uuid_string(conn, ident);
    if (!dom)
        dom = cv_domain_lookup_by_name(conn, ident);
    if (!dom)
        cvsh_api_fail("failed to get domain");
    return dom;
}

cv_network *
cvsh_network(cvsh_ctx *ctx, const char *ident)
{
    cv_connect *conn = cvsh_conn(ctx);
    cv_network *net = NULL;

    if (!conn)
        return NULL;
    if (strlen(ident) == 36)
        net = cv_network_lookup_by_uuid_string(conn, ident);
    if (!net)
        net = cv_network_lookup_by_name(conn, ident);
    if (!net)
        cvsh_api_fail("failed to get network");
    return net;
}

cv_pool *
cvsh_pool(cvsh_ctx *ctx, const char *name)
{
    cv_connect *conn = cvsh_conn(ctx);
    cv_pool *pool;

    if (!conn)
        return NULL;
    if (!(pool = cv_pool_lookup_by_name(conn, name)))
        cvsh_api_fail("failed to get pool");
    return pool;
}

/* "512M", "1G", "2048" (in @default_unit bytes), "10GiB", "1.5G" refused. */
int
cvsh_parse_size(const char *text, guint64 default_unit, guint64 *bytes)
{
    static const struct { const char *s; guint64 m; } units[] = {
        { "b", 1 }, { "k", 1ULL << 10 }, { "kib", 1ULL << 10 }, { "kb", 1000 },
        { "m", 1ULL << 20 }, { "mib", 1ULL << 20 }, { "mb", 1000000 },
        { "g", 1ULL << 30 }, { "gib", 1ULL << 30 }, { "gb", 1000000000 },
        { "t", 1ULL << 40 }, { "tib", 1ULL << 40 }, { "tb", 1000000000000ULL },
    };
    char *end;
    guint64 v, mult = default_unit;

    errno = 0;
    v = g_ascii_strtoull(text, &end, 10);
    if (errno || end == text)
        return cvsh_fail("'%s' is not a size (examples: 512M, 2G, 1048576)", text);
    if (*end) {
        g_autofree char *u = g_ascii_strdown(end, -1);
        mult = 0;
        for (size_t i = 0; i < G_N_ELEMENTS(units); i++)
            if (g_str_equal(u, units[i].s))
                mult = units[i].m;
        if (!mult)
            return cvsh_fail("unknown size unit '%s' in '%s' (use K, M, G, T, or KiB...)",
                             end, text);
    }
    if (v > G_MAXUINT64 / mult)
        return cvsh_fail("size '%s' is too large", text);
    *bytes = v * mult;
    return 0;
}

char *
cvsh_read_file(const char *path)
{
    g_autoptr(GError) gerr = NULL;
    char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, &gerr))
        cvsh_fail("cannot read '%s': %s", path, gerr->message);
    return text;
}

unsigned int
cvsh_modify_flags(cvsh_args *args)
{
    unsigned int f = 0;

    if (cvsh_flag(args, "--live"))
        f |= CV_DOMAIN_AFFECT_LIVE;
    if (cvsh_flag(args, "--config") || cvsh_flag(args, "--persistent"))
        f |= CV_DOMAIN_AFFECT_CONFIG;
    if (cvsh_flag(args, "--persistent"))
        f |= CV_DOMAIN_AFFECT_LIVE;
    return f;
}
