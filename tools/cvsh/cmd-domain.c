/*
 * Domain commands, named and shaped as in virsh.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "cvsh.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_domain, cv_domain_free)

static unsigned int
list_flags(cvsh_args *a)
{
    unsigned int f = 0;

    if (!cvsh_flag(a, "--all") && !cvsh_flag(a, "--inactive"))
        f |= CV_LIST_DOMAINS_ACTIVE;
    if (cvsh_flag(a, "--inactive"))
        f = (f & ~CV_LIST_DOMAINS_ACTIVE) | CV_LIST_DOMAINS_INACTIVE;
    if (cvsh_flag(a, "--persistent"))
        f |= CV_LIST_DOMAINS_PERSISTENT;
    if (cvsh_flag(a, "--transient"))
        f |= CV_LIST_DOMAINS_TRANSIENT;
    if (cvsh_flag(a, "--state-running"))
        f |= CV_LIST_DOMAINS_RUNNING;
    if (cvsh_flag(a, "--state-paused"))
        f |= CV_LIST_DOMAINS_PAUSED;
    if (cvsh_flag(a, "--state-shutoff"))
        f |= CV_LIST_DOMAINS_SHUTOFF;
    if (cvsh_flag(a, "--autostart"))
        f |= CV_LIST_DOMAINS_AUTOSTART;
    if (cvsh_flag(a, "--no-autostart"))
        f |= CV_LIST_DOMAINS_NO_AUTOSTART;
    /* A state filter alone means "any of these states", active or not. */
    if (f & (CV_LIST_DOMAINS_RUNNING | CV_LIST_DOMAINS_PAUSED | CV_LIST_DOMAINS_SHUTOFF))
        f &= ~CV_LIST_DOMAINS_ACTIVE;
    return f;
}

typedef struct {
    cv_domain *dom;
    int id;
    int state;
} list_row;

static int
row_cmp(const void *a, const void *b)
{
    const list_row *x = a, *y = b;

    /* Running domains by ID first, then the rest by name, as virsh does. */
    if ((x->id >= 0) != (y->id >= 0))
        return x->id >= 0 ? -1 : 1;
    if (x->id >= 0 && x->id != y->id)
        return x->id - y->id;
    return strcmp(cv_domain_get_name(x->dom), cv_domain_get_name(y->dom));
}

static int
cmd_list(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    cv_connect *conn = cvsh_conn(ctx);
    cv_domain **doms = NULL;
    g_autofree list_row *rows = NULL;
    int n;

    if (!conn)
        return -1;
    if ((n = cv_connect_list_all_domains(conn, &doms, list_flags(a))) < 0)
        return cvsh_api_fail("failed to list domains");
    rows = g_new0(list_row, n + 1);
    for (int i = 0; i < n; i++) {
        rows[i].dom = doms[i];
        rows[i].id = cv_domain_get_id(doms[i]);
        if (cv_domain_get_state(doms[i], &rows[i].state, NULL, 0) < 0)
            rows[i].state = CV_DOMAIN_NOSTATE;
    }
    qsort(rows, n, sizeof(*rows), row_cmp);

    if (ctx->json) {
        g_autoptr(JsonBuilder) b = json_builder_new();
        json_builder_begin_array(b);
        for (int i = 0; i < n; i++) {
            char uuid[CV_UUID_STRING_BUFLEN];
            int autostart = 0;
            cv_domain_get_uuid_string(rows[i].dom, uuid);
            cv_domain_get_autostart(rows[i].dom, &autostart);
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "id");
            if (rows[i].id >= 0)
                json_builder_add_int_value(b, rows[i].id);
            else
                json_builder_add_null_value(b);
            json_builder_set_member_name(b, "name");
            json_builder_add_string_value(b, cv_domain_get_name(rows[i].dom));
            json_builder_set_member_name(b, "uuid");
            json_builder_add_string_value(b, uuid);
            json_builder_set_member_name(b, "state");
            json_builder_add_string_value(b, cvsh_state_name(rows[i].state));
            json_builder_set_member_name(b, "persistent");
            json_builder_add_boolean_value(b, cv_domain_is_persistent(rows[i].dom) == 1);
            json_builder_set_member_name(b, "autostart");
            json_builder_add_boolean_value(b, autostart);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        cvsh_print_json(b);
    } else if (cvsh_flag(a, "--name") || cvsh_flag(a, "--uuid")) {
        for (int i = 0; i < n; i++) {
            char uuid[CV_UUID_STRING_BUFLEN];
            cv_domain_get_uuid_string(rows[i].dom, uuid);
            printf("%s\n", cvsh_flag(a, "--uuid") ? uuid : cv_domain_get_name(rows[i].dom));
        }
    } else {
        printf(" %-5s %-30s %s\n", "Id", "Name", "State");
        printf("-%s\n", "-----------------------------------------------");
        for (int i = 0; i < n; i++) {
            g_autofree char *id = rows[i].id >= 0 ? g_strdup_printf("%d", rows[i].id)
                                                  : g_strdup("-");
            printf(" %-5s %-30s %s\n", id, cv_domain_get_name(rows[i].dom),
                   cvsh_state_name(rows[i].state));
        }
        printf("\n");
    }
    cv_domain_list_free(doms, n);
    return 0;
}

static int
define_like(cvsh_ctx *ctx, cvsh_args *a, bool create)
{
    g_autofree char *xml = cvsh_read_file(cvsh_pos(a, 0));
    cv_connect *conn = cvsh_conn(ctx);
    g_autoptr(cv_domain) dom = NULL;
    g_autofree char *msg = NULL;

    if (!xml || !conn)
        return -1;
    dom = create ? cv_domain_create_xml(conn, xml, cvsh_flag(a, "--paused") ?
                                        CV_DOMAIN_START_PAUSED : 0)
                 : cv_domain_define_xml(conn, xml, 0);
    if (!dom)
        return cvsh_api_fail(create ? "failed to create domain" : "failed to define domain");
    msg = g_strdup_printf("Domain '%s' %s from %s", cv_domain_get_name(dom),
                          create ? "created" : "defined", cvsh_pos(a, 0));
    cvsh_json_result(ctx, msg);
    return 0;
}

static int
cmd_define(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return define_like(ctx, a, false);
}

static int
cmd_create(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return define_like(ctx, a, true);
}

/* Commands that look up a domain, call one function and report. */
typedef int (*dom_action)(cv_domain *dom, unsigned int flags);

static int
simple_action(cvsh_ctx *ctx, cvsh_args *a, dom_action fn, unsigned int flags,
              const char *done, const char *failed)
{
    g_autoptr(cv_domain) dom = cvsh_domain(ctx, cvsh_pos(a, 0));
    g_autofree char *msg = NULL;

    if (!dom)
        return -1;
    if (fn(dom, flags) < 0)
        return cvsh_api_fail(failed);
    msg = g_strdup_printf("Domain '%s' %s", cv_domain_get_name(dom), done);
    cvsh_json_result(ctx, msg);
    return 0;
}

static int
cmd_undefine(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return simple_action(ctx, a, cv_domain_undefine,
                         cvsh_flag(a, "--snapshots-metadata") ? CV_DOMAIN_UNDEFINE_SNAPSHOTS : 0,
                         "has been undefined", "failed to undefine domain");
}

static int
cmd_start(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return simple_action(ctx, a, cv_domain_start,
                         cvsh_flag(a, "--paused") ? CV_DOMAIN_START_PAUSED : 0,
                         "started", "failed to start domain");
}

static int
cmd_shutdown(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return simple_action(ctx, a, cv_domain_shutdown, 0, "is being shutdown",
                         "failed to shutdown domain");
}

static int
cmd_destroy(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return simple_action(ctx, a, cv_domain_destroy, 0, "destroyed",
                         "failed to destroy domain");
}

static int
cmd_reboot(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return simple_action(ctx, a, cv_domain_reboot, 0, "is being rebooted",
                         "failed to reboot domain");
}

static int
cmd_suspend(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return simple_action(ctx, a, cv_domain_suspend, 0, "suspended",
                         "failed to suspend domain");
}

static int
cmd_resume(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return simple_action(ctx, a, cv_domain_resume, 0, "resumed", "failed to resume domain");
}

static int
cmd_autostart(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_domain) dom = cvsh_domain(ctx, cvsh_pos(a, 0));
    bool off = cvsh_flag(a, "--disable");
    g_autofree char *msg = NULL;

    if (!dom)
        return -1;
    if (cv_domain_set_autostart(dom, !off, 0) < 0)
        return cvsh_api_fail("failed to set autostart");
    msg = g_strdup_printf("Domain '%s' %s", cv_domain_get_name(dom),
                          off ? "unmarked as autostarted" : "marked as autostarted");
    cvsh_json_result(ctx, msg);
    return 0;
}

static int
cmd_dominfo(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_domain) dom = cvsh_domain(ctx, cvsh_pos(a, 0));
    cv_domain_info info = CV_DOMAIN_INFO_INIT;
    char uuid[CV_UUID_STRING_BUFLEN];
    int autostart = 0, id, persistent;

    if (!dom)
        return -1;
    if (cv_domain_get_info(dom, &info) < 0 || cv_domain_get_autostart(dom, &autostart) < 0)
        return cvsh_api_fail("failed to get domain info");
    id = cv_domain_get_id(dom);
    persistent = cv_domain_is_persistent(dom);
    cv_domain_get_uuid_string(dom, uuid);
    if (ctx->json) {
        g_autoptr(JsonBuilder) b = json_builder_new();
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "id");
        if (id >= 0)
            json_builder_add_int_value(b, id);
        else
            json_builder_add_null_value(b);
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, cv_domain_get_name(dom));
        json_builder_set_member_name(b, "uuid");
        json_builder_add_string_value(b, uuid);
        json_builder_set_member_name(b, "state");
        json_builder_add_string_value(b, cvsh_state_name(info.state));
        json_builder_set_member_name(b, "vcpus");
        json_builder_add_int_value(b, info.nr_vcpus);
        json_builder_set_member_name(b, "max_vcpus");
        json_builder_add_int_value(b, info.max_vcpus);
        json_builder_set_member_name(b, "cpu_time_ns");
        json_builder_add_int_value(b, (gint64)info.cpu_time_ns);
        json_builder_set_member_name(b, "max_memory_kib");
        json_builder_add_int_value(b, (gint64)info.max_memory_kib);
        json_builder_set_member_name(b, "memory_kib");
        json_builder_add_int_value(b, (gint64)info.memory_kib);
        json_builder_set_member_name(b, "persistent");
        json_builder_add_boolean_value(b, persistent == 1);
        json_builder_set_member_name(b, "autostart");
        json_builder_add_boolean_value(b, autostart);
        json_builder_end_object(b);
        cvsh_print_json(b);
        return 0;
    }
    {
        g_autofree char *ids = id >= 0 ? g_strdup_printf("%d", id) : g_strdup("-");
        printf("%-15s %s\n", "Id:", ids);
    }
    printf("%-15s %s\n", "Name:", cv_domain_get_name(dom));
    printf("%-15s %s\n", "UUID:", uuid);
    printf("%-15s %s\n", "State:", cvsh_state_name(info.state));
    printf("%-15s %u\n", "CPU(s):", info.nr_vcpus);
    printf("%-15s %.1fs\n", "CPU time:", info.cpu_time_ns / 1e9);
    printf("%-15s %" G_GUINT64_FORMAT " KiB\n", "Max memory:", (guint64)info.max_memory_kib);
    printf("%-15s %" G_GUINT64_FORMAT " KiB\n", "Used memory:", (guint64)info.memory_kib);
    printf("%-15s %s\n", "Persistent:", persistent == 1 ? "yes" : "no");
    printf("%-15s %s\n\n", "Autostart:", autostart ? "enable" : "disable");
    return 0;
}

static int
cmd_domstate(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_domain) dom = cvsh_domain(ctx, cvsh_pos(a, 0));
    int state;

    if (!dom)
        return -1;
    if (cv_domain_get_state(dom, &state, NULL, 0) < 0)
        return cvsh_api_fail("failed to get domain state");
    if (ctx->json) {
        g_autoptr(JsonBuilder) b = json_builder_new();
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "state");
        json_builder_add_string_value(b, cvsh_state_name(state));
        json_builder_end_object(b);
        cvsh_print_json(b);
    } else {
        printf("%s\n\n", cvsh_state_name(state));
    }
    return 0;
}

static int
cmd_domid(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_domain) dom = cvsh_domain(ctx, cvsh_pos(a, 0));
    int id;

    if (!dom)
        return -1;
    id = cv_domain_get_id(dom);
    if (id < 0 && cv_error_last())
        return cvsh_api_fail("failed to get domain ID");
    if (id < 0)
        printf("-\n");
    else
        printf("%d\n", id);
    return 0;
}

static int
cmd_domuuid(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_domain) dom = cvsh_domain(ctx, cvsh_pos(a, 0));
    char uuid[CV_UUID_STRING_BUFLEN];

    if (!dom)
        return -1;
    cv_domain_get_uuid_string(dom, uuid);
    printf("%s\n", uuid);
    return 0;
}

static int
cmd_domname(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_domain) dom = cvsh_domain(ctx, cvsh_pos(a, 0));

    if (!dom)
        return -1;
    printf("%s\n", cv_domain_get_name(dom));
    return 0;
}

static int
cmd_dumpxml(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_domain) dom = cvsh_domain(ctx, cvsh_pos(a, 0));
    char *xml;

    if (!dom)
        return -1;
    if (!(xml = cv_domain_get_xml_desc(dom, cvsh_flag(a, "--inactive") ?
                                       CV_DOMAIN_XML_INACTIVE : 0)))
        return cvsh_api_fail("failed to get domain XML");
    fputs(xml, stdout);
    cv_free(xml);
    return 0;
}

static int
cmd_setvcpus(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_domain) dom = cvsh_domain(ctx, cvsh_pos(a, 0));
    unsigned int flags = cvsh_modify_flags(a);
    guint64 n;

    if (!dom)
        return -1;
    if (!g_ascii_string_to_unsigned(cvsh_pos(a, 1), 10, 1, G_MAXINT, &n, NULL))
        return cvsh_fail("'%s' is not a vCPU count", cvsh_pos(a, 1));
    if (cvsh_flag(a, "--maximum"))
        flags |= CV_DOMAIN_SET_MAXIMUM;
    if (cv_domain_set_vcpus(dom, (unsigned int)n, flags) < 0)
        return cvsh_api_fail("failed to set vCPUs");
    return 0;
}

static int
set_memory(cvsh_ctx *ctx, cvsh_args *a, bool maximum)
{
    g_autoptr(cv_domain) dom = cvsh_domain(ctx, cvsh_pos(a, 0));
    unsigned int flags = cvsh_modify_flags(a);
    guint64 bytes;

    if (!dom || cvsh_parse_size(cvsh_pos(a, 1), 1024, &bytes) < 0)
        return -1;
    if (maximum) {
        flags |= CV_DOMAIN_SET_MAXIMUM;
        /* virsh setmaxmem changes the persistent config by default. */
        if (!(flags & (CV_DOMAIN_AFFECT_LIVE | CV_DOMAIN_AFFECT_CONFIG)))
            flags |= CV_DOMAIN_AFFECT_CONFIG;
    }
    if (cv_domain_set_memory(dom, (bytes + 1023) / 1024, flags) < 0)
        return cvsh_api_fail("failed to set memory");
    return 0;
}

static int
cmd_setmem(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return set_memory(ctx, a, false);
}

static int
cmd_setmaxmem(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    return set_memory(ctx, a, true);
}

static int
device_change(cvsh_ctx *ctx, cvsh_args *a, const char *xml, bool attach)
{
    g_autoptr(cv_domain) dom = cvsh_domain(ctx, cvsh_pos(a, 0));
    int r;

    if (!dom)
        return -1;
    r = attach ? cv_domain_attach_device(dom, xml, cvsh_modify_flags(a))
               : cv_domain_detach_device(dom, xml, cvsh_modify_flags(a));
    if (r < 0)
        return cvsh_api_fail(attach ? "failed to attach device" : "failed to detach device");
    cvsh_json_result(ctx, attach ? "Device attached successfully"
                                 : "Device detached successfully");
    return 0;
}

static int
cmd_attach_disk(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(GString) xml = g_string_new(NULL);
    g_autofree char *src = g_markup_escape_text(cvsh_pos(a, 1), -1);
    g_autofree char *tgt = g_markup_escape_text(cvsh_pos(a, 2), -1);
    const char *type = cvsh_value(a, "--type") ? cvsh_value(a, "--type") : "disk";
    const char *mode = cvsh_value(a, "--mode");
    bool block = g_str_has_prefix(cvsh_pos(a, 1), "/dev/");

    g_string_append_printf(xml, "<disk type='%s' device='%s'>", block ? "block" : "file",
                           type);
    if (cvsh_value(a, "--driver") || cvsh_value(a, "--subdriver")) {
        g_string_append(xml, "<driver");
        if (cvsh_value(a, "--driver"))
            g_string_append_printf(xml, " name='%s'", cvsh_value(a, "--driver"));
        if (cvsh_value(a, "--subdriver"))
            g_string_append_printf(xml, " type='%s'", cvsh_value(a, "--subdriver"));
        g_string_append(xml, "/>");
    }
    g_string_append_printf(xml, "<source %s='%s'/>", block ? "dev" : "file", src);
    g_string_append_printf(xml, "<target dev='%s'", tgt);
    if (cvsh_value(a, "--targetbus"))
        g_string_append_printf(xml, " bus='%s'", cvsh_value(a, "--targetbus"));
    g_string_append(xml, "/>");
    if (mode && g_str_equal(mode, "readonly"))
        g_string_append(xml, "<readonly/>");
    else if (mode && g_str_equal(mode, "shareable"))
        g_string_append(xml, "<shareable/>");
    else if (mode)
        return cvsh_fail("--mode must be readonly or shareable, not '%s'", mode);
    g_string_append(xml, "</disk>");
    return device_change(ctx, a, xml->str, true);
}

static int
cmd_detach_disk(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autofree char *tgt = g_markup_escape_text(cvsh_pos(a, 1), -1);
    g_autofree char *xml = g_strdup_printf("<disk><target dev='%s'/></disk>", tgt);

    return device_change(ctx, a, xml, false);
}

static int
cmd_attach_interface(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(GString) xml = g_string_new(NULL);
    const char *type = cvsh_pos(a, 1);
    g_autofree char *src = g_markup_escape_text(cvsh_pos(a, 2), -1);

    g_string_append_printf(xml, "<interface type='%s'>", type);
    if (cvsh_value(a, "--mac"))
        g_string_append_printf(xml, "<mac address='%s'/>", cvsh_value(a, "--mac"));
    g_string_append_printf(xml, "<source %s='%s'/>",
                           g_str_equal(type, "network") ? "network" :
                           g_str_equal(type, "bridge") ? "bridge" : "dev", src);
    if (cvsh_value(a, "--model"))
        g_string_append_printf(xml, "<model type='%s'/>", cvsh_value(a, "--model"));
    g_string_append(xml, "</interface>");
    return device_change(ctx, a, xml->str, true);
}

static int
cmd_detach_interface(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autofree char *xml = NULL;

    if (!cvsh_value(a, "--mac"))
        return cvsh_fail("detach-interface needs --mac to say which interface");
    /* The driver matches by MAC; the source is only there to make the
     * element valid for its type. */
    xml = g_strdup_printf("<interface type='%s'><mac address='%s'/>"
                          "<source %s='unused'/></interface>",
                          cvsh_pos(a, 1), cvsh_value(a, "--mac"),
                          g_str_equal(cvsh_pos(a, 1), "network") ? "network" :
                          g_str_equal(cvsh_pos(a, 1), "bridge") ? "bridge" : "dev");
    return device_change(ctx, a, xml, false);
}

#define MODIFY "--live", "--config", "--current"

static const char *const list_opts[] = {
    "--all", "--inactive", "--persistent", "--transient", "--state-running",
    "--state-paused", "--state-shutoff", "--autostart", "--no-autostart", "--name",
    "--uuid", NULL,
};
static const char *const paused_opt[] = { "--paused", NULL };
static const char *const undefine_opts[] = { "--snapshots-metadata", NULL };
static const char *const disable_opt[] = { "--disable", NULL };
static const char *const inactive_opt[] = { "--inactive", NULL };
static const char *const modify_opts[] = { MODIFY, NULL };
static const char *const vcpu_opts[] = { MODIFY, "--maximum", NULL };
static const char *const attach_opts[] = { MODIFY, "--persistent", NULL };
static const char *const disk_values[] = {
    "--driver", "--subdriver", "--type", "--mode", "--targetbus", NULL,
};
static const char *const iface_values[] = { "--mac", "--model", NULL };
static const char *const mac_value[] = { "--mac", NULL };

const cvsh_cmd cvsh_domain_cmds[] = {
    { "list", "Domain", "[--all] [--inactive] [--state-running|paused|shutoff] "
      "[--persistent] [--transient] [--autostart] [--name|--uuid]",
      "list domains (running ones unless --all)", list_opts, NULL, 0, 0, cmd_list },
    { "define", "Domain", "FILE", "define a persistent domain from an XML file",
      NULL, NULL, 1, 1, cmd_define },
    { "create", "Domain", "FILE [--paused]", "create and start a transient domain",
      paused_opt, NULL, 1, 1, cmd_create },
    { "undefine", "Domain", "DOMAIN [--snapshots-metadata]",
      "remove a domain's persistent config", undefine_opts, NULL, 1, 1, cmd_undefine },
    { "start", "Domain", "DOMAIN [--paused]", "start a defined domain",
      paused_opt, NULL, 1, 1, cmd_start },
    { "shutdown", "Domain", "DOMAIN", "ask a domain to power off (ACPI)",
      NULL, NULL, 1, 1, cmd_shutdown },
    { "destroy", "Domain", "DOMAIN", "stop a domain at once", NULL, NULL, 1, 1, cmd_destroy },
    { "reboot", "Domain", "DOMAIN", "reboot a domain", NULL, NULL, 1, 1, cmd_reboot },
    { "suspend", "Domain", "DOMAIN", "pause a running domain", NULL, NULL, 1, 1, cmd_suspend },
    { "resume", "Domain", "DOMAIN", "resume a paused domain", NULL, NULL, 1, 1, cmd_resume },
    { "autostart", "Domain", "DOMAIN [--disable]", "start the domain with the host",
      disable_opt, NULL, 1, 1, cmd_autostart },
    { "dominfo", "Domain", "DOMAIN", "show a domain's state and resources",
      NULL, NULL, 1, 1, cmd_dominfo },
    { "domstate", "Domain", "DOMAIN", "show a domain's state", NULL, NULL, 1, 1, cmd_domstate },
    { "domid", "Domain", "DOMAIN", "show a running domain's ID", NULL, NULL, 1, 1, cmd_domid },
    { "domuuid", "Domain", "DOMAIN", "show a domain's UUID", NULL, NULL, 1, 1, cmd_domuuid },
    { "domname", "Domain", "DOMAIN", "show a domain's name", NULL, NULL, 1, 1, cmd_domname },
    { "dumpxml", "Domain", "DOMAIN [--inactive]", "print a domain's XML",
      inactive_opt, NULL, 1, 1, cmd_dumpxml },
    { "setvcpus", "Domain", "DOMAIN COUNT [--live] [--config] [--current] [--maximum]",
      "change the number of vCPUs", vcpu_opts, NULL, 2, 2, cmd_setvcpus },
    { "setmem", "Domain", "DOMAIN SIZE [--live] [--config] [--current]",
      "change memory (SIZE in KiB, or with a unit: 512M, 2G)",
      modify_opts, NULL, 2, 2, cmd_setmem },
    { "setmaxmem", "Domain", "DOMAIN SIZE [--config]", "change the maximum memory",
      modify_opts, NULL, 2, 2, cmd_setmaxmem },
    { "attach-disk", "Domain",
      "DOMAIN SOURCE TARGET [--driver D] [--subdriver FMT] [--type disk|cdrom] "
      "[--mode readonly|shareable] [--targetbus BUS] [--live] [--config] [--persistent]",
      "attach a disk", attach_opts, disk_values, 3, 3, cmd_attach_disk },
    { "detach-disk", "Domain", "DOMAIN TARGET [--live] [--config] [--persistent]",
      "detach a disk by target", attach_opts, NULL, 2, 2, cmd_detach_disk },
    { "attach-interface", "Domain",
      "DOMAIN network|bridge|direct SOURCE [--mac MAC] [--model M] [--live] [--config]",
      "attach a network interface", attach_opts, iface_values, 3, 3, cmd_attach_interface },
    { "detach-interface", "Domain", "DOMAIN TYPE --mac MAC [--live] [--config]",
      "detach a network interface by MAC", attach_opts, mac_value, 2, 2,
      cmd_detach_interface },
    { NULL },
};
