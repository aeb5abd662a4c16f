/*
 * Snapshot commands.
 */
#include <config.h>

#include <stdio.h>

#include "cvsh.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_domain, cv_domain_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_snapshot, cv_snapshot_free)

static int
cmd_snapshot_create_as(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_domain) dom = cvsh_domain(ctx, cvsh_pos(a, 0));
    g_autoptr(cv_snapshot) snap = NULL;
    g_autoptr(GString) xml = g_string_new("<domainsnapshot>");
    const char *name = cvsh_value(a, "--name") ? cvsh_value(a, "--name") : cvsh_pos(a, 1);
    g_autofree char *msg = NULL;

    if (!dom)
        return -1;
    if (name) {
        g_autofree char *e = g_markup_escape_text(name, -1);
        g_string_append_printf(xml, "<name>%s</name>", e);
    }
    if (cvsh_value(a, "--description")) {
        g_autofree char *e = g_markup_escape_text(cvsh_value(a, "--description"), -1);
        g_string_append_printf(xml, "<description>%s</description>", e);
    }
    g_string_append(xml, "</domainsnapshot>");
    if (!(snap = cv_snapshot_create_xml(dom, xml->str, 0)))
        return cvsh_api_fail("failed to create snapshot");
    msg = g_strdup_printf("Domain snapshot %s created", cv_snapshot_get_name(snap));
    cvsh_json_result(ctx, msg);
    return 0;
}

static int
cmd_snapshot_list(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_domain) dom = cvsh_domain(ctx, cvsh_pos(a, 0));
    g_autoptr(JsonBuilder) b = NULL;
    cv_snapshot **snaps = NULL;
    int n;

    if (!dom)
        return -1;
    if ((n = cv_domain_list_all_snapshots(dom, &snaps, 0)) < 0)
        return cvsh_api_fail("failed to list snapshots");
    if (ctx->json) {
        b = json_builder_new();
        json_builder_begin_array(b);
    } else {
        printf(" %-20s %s\n", "Name", "State");
        printf("--------------------------------\n");
    }
    for (int i = 0; i < n; i++) {
        g_autofree char *xml = cv_snapshot_get_xml_desc(snaps[i], 0);
        const char *st = xml && g_strstr_len(xml, -1, "<state>running") ? "running" :
                         xml && g_strstr_len(xml, -1, "<state>paused") ? "paused" : "shutoff";
        if (b) {
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "name");
            json_builder_add_string_value(b, cv_snapshot_get_name(snaps[i]));
            json_builder_set_member_name(b, "state");
            json_builder_add_string_value(b, st);
            json_builder_end_object(b);
        } else {
            printf(" %-20s %s\n", cv_snapshot_get_name(snaps[i]), st);
        }
        cv_snapshot_free(snaps[i]);
    }
    cv_free(snaps);
    if (b) {
        json_builder_end_array(b);
        cvsh_print_json(b);
    } else {
        printf("\n");
    }
    return 0;
}

static cv_snapshot *
lookup(cvsh_ctx *ctx, cvsh_args *a, cv_domain **dom_out)
{
    cv_domain *dom = cvsh_domain(ctx, cvsh_pos(a, 0));
    cv_snapshot *snap;

    *dom_out = dom;
    if (!dom)
        return NULL;
    if (!(snap = cv_snapshot_lookup_by_name(dom, cvsh_pos(a, 1), 0)))
        cvsh_api_fail("failed to get snapshot");
    return snap;
}

static int
cmd_snapshot_revert(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_domain) dom = NULL;
    g_autoptr(cv_snapshot) snap = lookup(ctx, a, &dom);

    if (!snap)
        return -1;
    if (cv_snapshot_revert(snap, 0) < 0)
        return cvsh_api_fail("failed to revert to snapshot");
    return 0;
}

static int
cmd_snapshot_delete(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_domain) dom = NULL;
    g_autoptr(cv_snapshot) snap = lookup(ctx, a, &dom);
    g_autofree char *msg = NULL;

    if (!snap)
        return -1;
    if (cv_snapshot_delete(snap, 0) < 0)
        return cvsh_api_fail("failed to delete snapshot");
    msg = g_strdup_printf("Domain snapshot %s deleted", cvsh_pos(a, 1));
    cvsh_json_result(ctx, msg);
    return 0;
}

static int
cmd_snapshot_current(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_domain) dom = cvsh_domain(ctx, cvsh_pos(a, 0));
    g_autoptr(cv_snapshot) snap = NULL;

    if (!dom)
        return -1;
    if (!(snap = cv_snapshot_current(dom, 0)))
        return cvsh_api_fail("failed to get current snapshot");
    printf("%s\n", cv_snapshot_get_name(snap));
    return 0;
}

static int
cmd_snapshot_dumpxml(cvsh_ctx *ctx, const cvsh_cmd *cmd, cvsh_args *a)
{
    g_autoptr(cv_domain) dom = NULL;
    g_autoptr(cv_snapshot) snap = lookup(ctx, a, &dom);
    char *xml;

    if (!snap)
        return -1;
    if (!(xml = cv_snapshot_get_xml_desc(snap, 0)))
        return cvsh_api_fail("failed to get snapshot XML");
    fputs(xml, stdout);
    cv_free(xml);
    return 0;
}

static const char *const create_values[] = { "--name", "--description", NULL };

const cvsh_cmd cvsh_snapshot_cmds[] = {
    { "snapshot-create-as", "Snapshot", "DOMAIN [NAME] [--description TEXT]",
      "snapshot a domain's config and state", NULL, create_values, 1, 2,
      cmd_snapshot_create_as },
    { "snapshot-list", "Snapshot", "DOMAIN", "list a domain's snapshots",
      NULL, NULL, 1, 1, cmd_snapshot_list },
    { "snapshot-revert", "Snapshot", "DOMAIN SNAPSHOT",
      "restore a domain's config and state from a snapshot", NULL, NULL, 2, 2,
      cmd_snapshot_revert },
    { "snapshot-delete", "Snapshot", "DOMAIN SNAPSHOT", "delete a snapshot",
      NULL, NULL, 2, 2, cmd_snapshot_delete },
    { "snapshot-current", "Snapshot", "DOMAIN", "name the current snapshot",
      NULL, NULL, 1, 1, cmd_snapshot_current },
    { "snapshot-dumpxml", "Snapshot", "DOMAIN SNAPSHOT", "print a snapshot's XML",
      NULL, NULL, 2, 2, cmd_snapshot_dumpxml },
    { NULL },
};
