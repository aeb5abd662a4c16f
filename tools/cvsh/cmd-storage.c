/*
 * Storage pool and volume commands.
 */
#include <config.h>

#include <stdio.h>

#include "cvsh.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_pool, cv_pool_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_volume, cv_volume_free)

static const char *
pool_state_name(int state)
{
    switch (state) {
    case CV_POOL_RUNNING: return "running";
    case CV_POOL_BUILDING: return "building";
    case CV_POOL_DEGRADED: return "degraded";
    case CV_POOL_INACCESSIBLE: return "inaccessible";
    default: return "inactive";
    }
}

static int
cmd_pool_list(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    cv_connect *conn = cvsh_conn(ctx);
    g_autoptr(JsonBuilder) b = NULL;
    cv_pool **pools = NULL;
    int n;

    if (!conn)
        return -1;
    if ((n = cv_connect_list_all_pools(conn, &pools, cvsh_flag(a, "--all") ? 0 :
                                       CV_LIST_POOLS_ACTIVE)) < 0)
        return cvsh_api_fail("failed to list pools");
    if (ctx->json) {
        b = json_builder_new();
        json_builder_begin_array(b);
    } else {
        printf(" %-20s %-10s %s\n", "Name", "State", "Autostart");
        printf("-------------------------------------------\n");
    }
    for (int i = 0; i < n; i++) {
        cv_pool_info info = CV_POOL_INFO_INIT;
        cv_pool_get_info(pools[i], &info);
        if (b) {
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "name");
            json_builder_add_string_value(b, cv_pool_get_name(pools[i]));
            json_builder_set_member_name(b, "state");
            json_builder_add_string_value(b, pool_state_name(info.state));
            json_builder_end_object(b);
        } else {
            printf(" %-20s %-10s %s\n", cv_pool_get_name(pools[i]),
                   pool_state_name(info.state), "-");
        }
        cv_pool_free(pools[i]);
    }
    cv_free(pools);
    if (b) {
        json_builder_end_array(b);
        cvsh_print_json(b);
    } else {
        printf("\n");
    }
    return 0;
}

static int
cmd_pool_info(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_pool) pool = cvsh_pool(ctx, cvsh_pos(a, 0));
    cv_pool_info info = CV_POOL_INFO_INIT;
    char uuid[CV_UUID_STRING_BUFLEN];

    if (!pool)
        return -1;
    if (cv_pool_get_info(pool, &info) < 0)
        return cvsh_api_fail("failed to get pool info");
    cv_pool_get_uuid_string(pool, uuid);
    if (ctx->json) {
        g_autoptr(JsonBuilder) b = json_builder_new();
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, cv_pool_get_name(pool));
        json_builder_set_member_name(b, "uuid");
        json_builder_add_string_value(b, uuid);
        json_builder_set_member_name(b, "state");
        json_builder_add_string_value(b, pool_state_name(info.state));
        json_builder_set_member_name(b, "capacity");
        json_builder_add_int_value(b, (gint64)info.capacity);
        json_builder_set_member_name(b, "allocation");
        json_builder_add_int_value(b, (gint64)info.allocation);
        json_builder_set_member_name(b, "available");
        json_builder_add_int_value(b, (gint64)info.available);
        json_builder_end_object(b);
        cvsh_print_json(b);
        return 0;
    }
    printf("%-15s %s\n", "Name:", cv_pool_get_name(pool));
    printf("%-15s %s\n", "UUID:", uuid);
    printf("%-15s %s\n", "State:", pool_state_name(info.state));
    printf("%-15s %" G_GUINT64_FORMAT " bytes\n", "Capacity:", (guint64)info.capacity);
    printf("%-15s %" G_GUINT64_FORMAT " bytes\n", "Allocation:", (guint64)info.allocation);
    printf("%-15s %" G_GUINT64_FORMAT " bytes\n\n", "Available:", (guint64)info.available);
    return 0;
}

static int
cmd_pool_dumpxml(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_pool) pool = cvsh_pool(ctx, cvsh_pos(a, 0));
    char *xml;

    if (!pool)
        return -1;
    if (!(xml = cv_pool_get_xml_desc(pool, 0)))
        return cvsh_api_fail("failed to get pool XML");
    fputs(xml, stdout);
    cv_free(xml);
    return 0;
}

static int
cmd_vol_list(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_pool) pool = cvsh_pool(ctx, cvsh_pos(a, 0));
    g_autoptr(JsonBuilder) b = NULL;
    cv_volume **vols = NULL;
    int n;

    if (!pool)
        return -1;
    if ((n = cv_pool_list_all_volumes(pool, &vols, 0)) < 0)
        return cvsh_api_fail("failed to list volumes");
    if (ctx->json) {
        b = json_builder_new();
        json_builder_begin_array(b);
    } else {
        printf(" %-20s %s\n", "Name", "Path");
        printf("------------------------------------------------\n");
    }
    for (int i = 0; i < n; i++) {
        g_autofree char *path = cv_volume_get_path(vols[i]);
        cv_volume_info info = CV_VOLUME_INFO_INIT;
        cv_volume_get_info(vols[i], &info);
        if (b) {
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "name");
            json_builder_add_string_value(b, cv_volume_get_name(vols[i]));
            json_builder_set_member_name(b, "path");
            json_builder_add_string_value(b, path ? path : "");
            json_builder_set_member_name(b, "capacity");
            json_builder_add_int_value(b, (gint64)info.capacity);
            json_builder_set_member_name(b, "allocation");
            json_builder_add_int_value(b, (gint64)info.allocation);
            json_builder_end_object(b);
        } else {
            printf(" %-20s %s\n", cv_volume_get_name(vols[i]), path ? path : "-");
        }
        cv_volume_free(vols[i]);
    }
    cv_free(vols);
    if (b) {
        json_builder_end_array(b);
        cvsh_print_json(b);
    } else {
        printf("\n");
    }
    return 0;
}

static cv_volume *
vol_lookup(cvsh_ctx *ctx, cvsh_args *a)
{
    const char *ident = cvsh_pos(a, 0);
    const char *pool_name = cvsh_value(a, "--pool");
    cv_volume *vol;

    if (pool_name) {
        g_autoptr(cv_pool) pool = cvsh_pool(ctx, pool_name);
        if (!pool)
            return NULL;
        vol = cv_volume_lookup_by_name(pool, ident);
    } else {
        cv_connect *conn = cvsh_conn(ctx);
        if (!conn)
            return NULL;
        vol = cv_volume_lookup_by_path(conn, ident);
    }
    if (!vol)
        cvsh_api_fail("failed to get volume");
    return vol;
}

static int
cmd_vol_info(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_volume) vol = vol_lookup(ctx, a);
    cv_volume_info info = CV_VOLUME_INFO_INIT;

    if (!vol)
        return -1;
    if (cv_volume_get_info(vol, &info) < 0)
        return cvsh_api_fail("failed to get volume info");
    if (ctx->json) {
        g_autoptr(JsonBuilder) b = json_builder_new();
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, cv_volume_get_name(vol));
        json_builder_set_member_name(b, "type");
        json_builder_add_string_value(b, info.type == CV_VOLUME_BLOCK ? "block" : "file");
        json_builder_set_member_name(b, "capacity");
        json_builder_add_int_value(b, (gint64)info.capacity);
        json_builder_set_member_name(b, "allocation");
        json_builder_add_int_value(b, (gint64)info.allocation);
        json_builder_end_object(b);
        cvsh_print_json(b);
        return 0;
    }
    printf("%-15s %s\n", "Name:", cv_volume_get_name(vol));
    printf("%-15s %s\n", "Type:", info.type == CV_VOLUME_BLOCK ? "block" : "file");
    printf("%-15s %" G_GUINT64_FORMAT " bytes\n", "Capacity:", (guint64)info.capacity);
    printf("%-15s %" G_GUINT64_FORMAT " bytes\n\n", "Allocation:", (guint64)info.allocation);
    return 0;
}

static int
cmd_vol_path(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_volume) vol = vol_lookup(ctx, a);
    g_autofree char *path = NULL;

    if (!vol)
        return -1;
    if (!(path = cv_volume_get_path(vol)))
        return cvsh_api_fail("failed to get volume path");
    printf("%s\n", path);
    return 0;
}

static int
cmd_vol_delete(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_volume) vol = vol_lookup(ctx, a);
    g_autofree char *msg = NULL;

    if (!vol)
        return -1;
    if (cv_volume_delete(vol, 0) < 0)
        return cvsh_api_fail("failed to delete volume");
    msg = g_strdup_printf("Vol %s deleted", cvsh_pos(a, 0));
    cvsh_json_result(ctx, msg);
    return 0;
}

static int
cmd_vol_create_as(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_pool) pool = cvsh_pool(ctx, cvsh_pos(a, 0));
    g_autoptr(cv_volume) vol = NULL;
    g_autofree char *name = g_markup_escape_text(cvsh_pos(a, 1), -1);
    g_autofree char *xml = NULL;
    g_autofree char *msg = NULL;
    const char *format = cvsh_value(a, "--format") ? cvsh_value(a, "--format") : "raw";
    guint64 bytes;

    if (!pool || cvsh_parse_size(cvsh_pos(a, 2), 1, &bytes) < 0)
        return -1;
    xml = g_strdup_printf("<volume><name>%s</name><capacity unit='bytes'>%"
                          G_GUINT64_FORMAT "</capacity><target><format type='%s'/>"
                          "</target></volume>", name, bytes, format);
    if (!(vol = cv_volume_create_xml(pool, xml, 0)))
        return cvsh_api_fail("failed to create volume");
    msg = g_strdup_printf("Vol %s created", cvsh_pos(a, 1));
    cvsh_json_result(ctx, msg);
    return 0;
}

static int
cmd_vol_resize(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_volume) vol = vol_lookup(ctx, a);
    guint64 bytes;

    if (!vol || cvsh_parse_size(cvsh_pos(a, 1), 1, &bytes) < 0)
        return -1;
    if (cv_volume_resize(vol, bytes, cvsh_flag(a, "--shrink") ? CV_VOLUME_RESIZE_SHRINK : 0) < 0)
        return cvsh_api_fail("failed to resize volume");
    return 0;
}

static const char *const all_opt[] = { "--all", NULL };
static const char *const pool_value[] = { "--pool", NULL };
static const char *const format_value[] = { "--format", NULL };
static const char *const shrink_opt[] = { "--shrink", NULL };

const cvsh_cmd cvsh_storage_cmds[] = {
    { "pool-list", "Storage", "[--all]", "list storage pools (active unless --all)",
      all_opt, NULL, 0, 0, cmd_pool_list },
    { "pool-info", "Storage", "POOL", "show a pool's state and usage",
      NULL, NULL, 1, 1, cmd_pool_info },
    { "pool-dumpxml", "Storage", "POOL", "print a pool's XML",
      NULL, NULL, 1, 1, cmd_pool_dumpxml },
    { "vol-list", "Storage", "POOL", "list the volumes of a pool",
      NULL, NULL, 1, 1, cmd_vol_list },
    { "vol-info", "Storage", "VOL-PATH | VOL --pool POOL", "show a volume's size",
      NULL, pool_value, 1, 1, cmd_vol_info },
    { "vol-path", "Storage", "VOL --pool POOL", "print a volume's path",
      NULL, pool_value, 1, 1, cmd_vol_path },
    { "vol-create-as", "Storage", "POOL NAME CAPACITY [--format raw|qcow2|...]",
      "create a volume (CAPACITY in bytes or with a unit: 10G)",
      NULL, format_value, 3, 3, cmd_vol_create_as },
    { "vol-delete", "Storage", "VOL-PATH | VOL --pool POOL", "delete a volume",
      NULL, pool_value, 1, 1, cmd_vol_delete },
    { "vol-resize", "Storage", "VOL CAPACITY --pool POOL [--shrink]", "resize a volume",
      shrink_opt, pool_value, 2, 2, cmd_vol_resize },
    { NULL },
};
