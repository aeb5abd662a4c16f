/*
 * Network commands.
 */
#include <config.h>

#include <stdio.h>

#include "cvsh.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_network, cv_network_free)

static int
cmd_net_list(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    cv_connect *conn = cvsh_conn(ctx);
    unsigned int flags = 0;
    g_autoptr(JsonBuilder) b = NULL;
    cv_network **nets = NULL;
    int n;

    if (!conn)
        return -1;
    if (cvsh_flag(a, "--inactive"))
        flags = CV_LIST_NETWORKS_INACTIVE;
    else if (!cvsh_flag(a, "--all"))
        flags = CV_LIST_NETWORKS_ACTIVE;
    if ((n = cv_connect_list_all_networks(conn, &nets, flags)) < 0)
        return cvsh_api_fail("failed to list networks");
    if (ctx->json) {
        b = json_builder_new();
        json_builder_begin_array(b);
    } else {
        printf(" %-20s %-10s %-12s %s\n", "Name", "State", "Autostart", "Persistent");
        printf("----------------------------------------------------------\n");
    }
    for (int i = 0; i < n; i++) {
        int active = cv_network_is_active(nets[i]);
        int persistent = cv_network_is_persistent(nets[i]);
        int autostart = 0;
        char uuid[CV_UUID_STRING_BUFLEN];

        cv_network_get_autostart(nets[i], &autostart);
        cv_network_get_uuid_string(nets[i], uuid);
        if (b) {
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "name");
            json_builder_add_string_value(b, cv_network_get_name(nets[i]));
            json_builder_set_member_name(b, "uuid");
            json_builder_add_string_value(b, uuid);
            json_builder_set_member_name(b, "active");
            json_builder_add_boolean_value(b, active == 1);
            json_builder_set_member_name(b, "autostart");
            json_builder_add_boolean_value(b, autostart);
            json_builder_set_member_name(b, "persistent");
            json_builder_add_boolean_value(b, persistent == 1);
            json_builder_end_object(b);
        } else {
            printf(" %-20s %-10s %-12s %s\n", cv_network_get_name(nets[i]),
                   active == 1 ? "active" : "inactive", autostart ? "yes" : "no",
                   persistent == 1 ? "yes" : "no");
        }
        cv_network_free(nets[i]);
    }
    cv_free(nets);
    if (b) {
        json_builder_end_array(b);
        cvsh_print_json(b);
    } else {
        printf("\n");
    }
    return 0;
}

static int
net_define_like(cvsh_ctx *ctx, cvsh_args *a, bool create)
{
    g_autofree char *xml = cvsh_read_file(cvsh_pos(a, 0));
    cv_connect *conn = cvsh_conn(ctx);
    g_autoptr(cv_network) net = NULL;
    g_autofree char *msg = NULL;

    if (!xml || !conn)
        return -1;
    net = create ? cv_network_create_xml(conn, xml, 0) : cv_network_define_xml(conn, xml, 0);
    if (!net)
        return cvsh_api_fail(create ? "failed to create network" : "failed to define network");
    msg = g_strdup_printf("Network %s %s from %s", cv_network_get_name(net),
                          create ? "created" : "defined", cvsh_pos(a, 0));
    cvsh_json_result(ctx, msg);
    return 0;
}

static int
cmd_net_define(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return net_define_like(ctx, a, false);
}

static int
cmd_net_create(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return net_define_like(ctx, a, true);
}

typedef int (*net_action)(cv_network *net, unsigned int flags);

static int
net_simple(cvsh_ctx *ctx, cvsh_args *a, net_action fn, const char *done, const char *failed)
{
    g_autoptr(cv_network) net = cvsh_network(ctx, cvsh_pos(a, 0));
    g_autofree char *msg = NULL;

    if (!net)
        return -1;
    if (fn(net, 0) < 0)
        return cvsh_api_fail(failed);
    msg = g_strdup_printf("Network %s %s", cv_network_get_name(net), done);
    cvsh_json_result(ctx, msg);
    return 0;
}

static int
cmd_net_start(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return net_simple(ctx, a, cv_network_start, "started", "failed to start network");
}

static int
cmd_net_destroy(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return net_simple(ctx, a, cv_network_destroy, "destroyed", "failed to destroy network");
}

static int
cmd_net_undefine(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return net_simple(ctx, a, cv_network_undefine, "has been undefined",
                      "failed to undefine network");
}

static int
cmd_net_autostart(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_network) net = cvsh_network(ctx, cvsh_pos(a, 0));
    bool off = cvsh_flag(a, "--disable");
    g_autofree char *msg = NULL;

    if (!net)
        return -1;
    if (cv_network_set_autostart(net, !off, 0) < 0)
        return cvsh_api_fail("failed to set autostart");
    msg = g_strdup_printf("Network %s %s", cv_network_get_name(net),
                          off ? "unmarked as autostarted" : "marked as autostarted");
    cvsh_json_result(ctx, msg);
    return 0;
}

static int
cmd_net_dumpxml(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_network) net = cvsh_network(ctx, cvsh_pos(a, 0));
    char *xml;

    if (!net)
        return -1;
    if (!(xml = cv_network_get_xml_desc(net, 0)))
        return cvsh_api_fail("failed to get network XML");
    fputs(xml, stdout);
    cv_free(xml);
    return 0;
}

static int
cmd_net_info(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_network) net = cvsh_network(ctx, cvsh_pos(a, 0));
    g_autofree char *bridge = NULL;
    char uuid[CV_UUID_STRING_BUFLEN];
    int autostart = 0, active, persistent;

    if (!net)
        return -1;
    active = cv_network_is_active(net);
    persistent = cv_network_is_persistent(net);
    if (active < 0 || persistent < 0 || cv_network_get_autostart(net, &autostart) < 0)
        return cvsh_api_fail("failed to get network info");
    bridge = cv_network_get_bridge_name(net);
    cv_network_get_uuid_string(net, uuid);
    if (ctx->json) {
        g_autoptr(JsonBuilder) b = json_builder_new();
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, cv_network_get_name(net));
        json_builder_set_member_name(b, "uuid");
        json_builder_add_string_value(b, uuid);
        json_builder_set_member_name(b, "active");
        json_builder_add_boolean_value(b, active);
        json_builder_set_member_name(b, "persistent");
        json_builder_add_boolean_value(b, persistent);
        json_builder_set_member_name(b, "autostart");
        json_builder_add_boolean_value(b, autostart);
        json_builder_set_member_name(b, "bridge");
        if (bridge)
            json_builder_add_string_value(b, bridge);
        else
            json_builder_add_null_value(b);
        json_builder_end_object(b);
        cvsh_print_json(b);
        return 0;
    }
    printf("%-15s %s\n", "Name:", cv_network_get_name(net));
    printf("%-15s %s\n", "UUID:", uuid);
    printf("%-15s %s\n", "Active:", active ? "yes" : "no");
    printf("%-15s %s\n", "Persistent:", persistent ? "yes" : "no");
    printf("%-15s %s\n", "Autostart:", autostart ? "yes" : "no");
    printf("%-15s %s\n\n", "Bridge:", bridge ? bridge : "-");
    return 0;
}

static const char *const list_opts[] = { "--all", "--inactive", NULL };
static const char *const disable_opt[] = { "--disable", NULL };

const cvsh_cmd cvsh_network_cmds[] = {
    { "net-list", "Network", "[--all] [--inactive]", "list networks (active unless --all)",
      list_opts, NULL, 0, 0, cmd_net_list },
    { "net-define", "Network", "FILE", "define a persistent network from XML",
      NULL, NULL, 1, 1, cmd_net_define },
    { "net-create", "Network", "FILE", "create and start a transient network",
      NULL, NULL, 1, 1, cmd_net_create },
    { "net-start", "Network", "NETWORK", "start a network", NULL, NULL, 1, 1, cmd_net_start },
    { "net-destroy", "Network", "NETWORK", "stop a network", NULL, NULL, 1, 1, cmd_net_destroy },
    { "net-undefine", "Network", "NETWORK", "remove a network's persistent config",
      NULL, NULL, 1, 1, cmd_net_undefine },
    { "net-autostart", "Network", "NETWORK [--disable]", "start the network with the host",
      disable_opt, NULL, 1, 1, cmd_net_autostart },
    { "net-dumpxml", "Network", "NETWORK", "print a network's XML",
      NULL, NULL, 1, 1, cmd_net_dumpxml },
    { "net-info", "Network", "NETWORK", "show a network's state", NULL, NULL, 1, 1, cmd_net_info },
    { NULL },
};
