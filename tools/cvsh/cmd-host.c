/*
 * Host and connection commands.
 */
#include <config.h>

#include <stdio.h>

#include "cvsh.h"

static int
cmd_nodeinfo(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    cv_connect *conn = cvsh_conn(ctx);
    cv_node_info info = CV_NODE_INFO_INIT;

    if (!conn)
        return -1;
    if (cv_connect_get_node_info(conn, &info) < 0)
        return cvsh_api_fail("failed to get node info");
    if (ctx->json) {
        g_autoptr(JsonBuilder) b = json_builder_new();
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "cpu_model");
        json_builder_add_string_value(b, info.model);
        json_builder_set_member_name(b, "cpus");
        json_builder_add_int_value(b, info.cpus);
        json_builder_set_member_name(b, "mhz");
        json_builder_add_int_value(b, info.mhz);
        json_builder_set_member_name(b, "sockets");
        json_builder_add_int_value(b, info.sockets);
        json_builder_set_member_name(b, "cores");
        json_builder_add_int_value(b, info.cores);
        json_builder_set_member_name(b, "threads");
        json_builder_add_int_value(b, info.threads);
        json_builder_set_member_name(b, "numa_nodes");
        json_builder_add_int_value(b, info.nodes);
        json_builder_set_member_name(b, "memory_kib");
        json_builder_add_int_value(b, (gint64)info.memory_kib);
        json_builder_end_object(b);
        cvsh_print_json(b);
        return 0;
    }
    printf("%-20s %s\n", "CPU model:", info.model);
    printf("%-20s %u\n", "CPU(s):", info.cpus);
    printf("%-20s %u MHz\n", "CPU frequency:", info.mhz);
    printf("%-20s %u\n", "CPU socket(s):", info.sockets);
    printf("%-20s %u\n", "Core(s) per socket:", info.cores);
    printf("%-20s %u\n", "Thread(s) per core:", info.threads);
    printf("%-20s %u\n", "NUMA cell(s):", info.nodes);
    printf("%-20s %" G_GUINT64_FORMAT " KiB\n\n", "Memory size:", (guint64)info.memory_kib);
    return 0;
}

static int
cmd_capabilities(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    cv_connect *conn = cvsh_conn(ctx);
    char *xml;

    if (!conn)
        return -1;
    if (!(xml = cv_connect_get_capabilities(conn, 0)))
        return cvsh_api_fail("failed to get capabilities");
    fputs(xml, stdout);
    cv_free(xml);
    return 0;
}

static int
cmd_hostname(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    cv_connect *conn = cvsh_conn(ctx);
    char *name;

    if (!conn)
        return -1;
    if (!(name = cv_connect_get_hostname(conn)))
        return cvsh_api_fail("failed to get hostname");
    printf("%s\n", name);
    cv_free(name);
    return 0;
}

static char *
version_text(unsigned long v)
{
    return g_strdup_printf("%lu.%lu.%lu", v / 1000000, (v / 1000) % 1000, v % 1000);
}

static int
cmd_version(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    cv_connect *conn = cvsh_conn(ctx);
    unsigned long hv = 0;
    g_autofree char *hvs = NULL;

    if (!conn)
        return -1;
    if (cv_connect_get_version(conn, &hv) < 0)
        return cvsh_api_fail("failed to get the hypervisor version");
    hvs = version_text(hv);
    if (ctx->json) {
        g_autoptr(JsonBuilder) b = json_builder_new();
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "library");
        json_builder_add_string_value(b, cv_version_string());
        json_builder_set_member_name(b, "driver");
        json_builder_add_string_value(b, cv_connect_get_type(conn));
        json_builder_set_member_name(b, "hypervisor");
        json_builder_add_string_value(b, hvs);
        json_builder_end_object(b);
        cvsh_print_json(b);
        return 0;
    }
    printf("Compiled against library: cloudvirt %d.%d.%d\n", CV_VERSION_MAJOR,
           CV_VERSION_MINOR, CV_VERSION_MICRO);
    printf("Using library: cloudvirt %s\n", cv_version_string());
    printf("Running hypervisor: %s %s\n", cv_connect_get_type(conn), hvs);
    return 0;
}

static int
cmd_uri(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    cv_connect *conn = cvsh_conn(ctx);
    char *uri;

    if (!conn)
        return -1;
    if (!(uri = cv_connect_get_uri(conn)))
        return cvsh_api_fail("failed to get the URI");
    printf("%s\n", uri);
    cv_free(uri);
    return 0;
}

const cvsh_cmd cvsh_host_cmds[] = {
    { "nodeinfo", "Host", "", "show the host's CPUs and memory", NULL, NULL, 0, 0, cmd_nodeinfo },
    { "capabilities", "Host", "", "print the host's capabilities XML",
      NULL, NULL, 0, 0, cmd_capabilities },
    { "hostname", "Host", "", "print the host's name", NULL, NULL, 0, 0, cmd_hostname },
    { "version", "Host", "", "show library and hypervisor versions",
      NULL, NULL, 0, 0, cmd_version },
    { "uri", "Host", "", "print the connection's canonical URI", NULL, NULL, 0, 0, cmd_uri },
    { NULL },
};
