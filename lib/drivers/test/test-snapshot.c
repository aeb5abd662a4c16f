/*
 * Snapshots of test domains: each records the domain's config and state;
 * reverting restores both, as libvirt's snapshots of a running guest do.
 */
#include <config.h>

#include <string.h>

#include "core/xml/snapshot-conf.h"
#include "core/xml/xml-util.h"
#include "drivers/test/test-priv.h"

#define SNAP_ERR(code, ...) cv_error_set((code), CV_FROM_TEST, __VA_ARGS__)

void
test_snap_free(test_snap *s)
{
    if (!s)
        return;
    g_free(s->name);
    g_free(s->description);
    cv_domain_def_free(s->def);
    g_free(s->parent);
    g_free(s);
}

static test_snap *
snap_find(test_dom *d, const char *name)
{
    for (guint i = 0; i < d->snapshots->len; i++) {
        test_snap *s = g_ptr_array_index(d->snapshots, i);
        if (g_str_equal(s->name, name))
            return s;
    }
    return NULL;
}

static test_snap *
snap_find_err(test_dom *d, const char *name)
{
    test_snap *s = snap_find(d, name);

    if (!s)
        SNAP_ERR(CV_ERR_NO_SNAPSHOT, "domain '%s' has no snapshot named '%s'",
                 (d->live ? d->live : d->def)->name, name);
    return s;
}

cv_snapshot *
test_snapshot_create_xml(cv_domain *dom, const char *xml, unsigned int flags)
{
    test_host *host = test_host_of(dom->conn);
    g_autoptr(cv_snapshot_req) req = cv_snapshot_req_parse(xml);
    cv_snapshot *ret = NULL;
    test_snap *s;
    test_dom *d;

    if (!req)
        return NULL;
    g_rw_lock_writer_lock(&host->lock);
    if (!(d = test_dom_find(host, dom)))
        goto out;
    if (!req->name)
        req->name = g_strdup_printf("%" G_GINT64_FORMAT, g_get_real_time() / G_USEC_PER_SEC);
    if (snap_find(d, req->name)) {
        SNAP_ERR(CV_ERR_DUPLICATE, "domain '%s' already has a snapshot named '%s'",
                 dom->name, req->name);
        goto out;
    }
    s = g_new0(test_snap, 1);
    s->name = g_steal_pointer(&req->name);
    s->description = g_steal_pointer(&req->description);
    s->created = g_get_real_time() / G_USEC_PER_SEC;
    s->state = d->state;
    s->def = cv_domain_def_copy(d->live ? d->live : d->def);
    s->parent = g_strdup(d->current_snapshot);
    g_ptr_array_add(d->snapshots, s);
    g_free(d->current_snapshot);
    d->current_snapshot = g_strdup(s->name);
    ret = cv_snapshot_new(dom, s->name);
 out:
    g_rw_lock_writer_unlock(&host->lock);
    return ret;
}

int
test_list_all_snapshots(cv_domain *dom, GPtrArray *out, unsigned int flags)
{
    test_host *host = test_host_of(dom->conn);
    test_dom *d;
    int ret = -1;

    g_rw_lock_reader_lock(&host->lock);
    if ((d = test_dom_find(host, dom))) {
        for (guint i = 0; i < d->snapshots->len; i++)
            g_ptr_array_add(out, cv_snapshot_new(dom, ((test_snap *)
                                                       g_ptr_array_index(d->snapshots, i))->name));
        ret = 0;
    }
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

cv_snapshot *
test_snapshot_lookup_by_name(cv_domain *dom, const char *name, unsigned int flags)
{
    test_host *host = test_host_of(dom->conn);
    cv_snapshot *ret = NULL;
    test_dom *d;

    g_rw_lock_reader_lock(&host->lock);
    if ((d = test_dom_find(host, dom)) && snap_find_err(d, name))
        ret = cv_snapshot_new(dom, name);
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

cv_snapshot *
test_snapshot_current(cv_domain *dom, unsigned int flags)
{
    test_host *host = test_host_of(dom->conn);
    cv_snapshot *ret = NULL;
    test_dom *d;

    g_rw_lock_reader_lock(&host->lock);
    if ((d = test_dom_find(host, dom))) {
        if (d->current_snapshot)
            ret = cv_snapshot_new(dom, d->current_snapshot);
        else
            SNAP_ERR(CV_ERR_NO_SNAPSHOT, "domain '%s' has no current snapshot", dom->name);
    }
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

static void
emit(test_host *host, test_dom *d, int event, int detail)
{
    const cv_domain_def *cfg = d->live ? d->live : d->def;

    cv_event_domain_emit(host->conn, cfg->name, cfg->uuid, event, detail);
}

int
test_snapshot_revert(cv_snapshot *snap, unsigned int flags)
{
    test_host *host = test_host_of(snap->dom->conn);
    test_snap *s;
    test_dom *d;
    int ret = -1;

    g_rw_lock_writer_lock(&host->lock);
    if (!(d = test_dom_find(host, snap->dom)) || !(s = snap_find_err(d, snap->name)))
        goto out;
    if (!d->def && s->state == CV_DOMAIN_SHUTOFF) {
        SNAP_ERR(CV_ERR_OPERATION_INVALID,
                 "cannot revert transient domain '%s' to a shut-off snapshot: it "
                 "would cease to exist", snap->dom->name);
        goto out;
    }
    /* The config first: it is what a stopped domain keeps. */
    if (d->def) {
        cv_domain_def_free(d->def);
        d->def = cv_domain_def_copy(s->def);
        emit(host, d, CV_EVENT_DOMAIN_DEFINED, CV_EVENT_DEFINED_FROM_SNAPSHOT);
    }
    if (s->state == CV_DOMAIN_SHUTOFF) {
        if (d->live)
            test_dom_stop_locked(host, d, CV_EVENT_STOPPED_FROM_SNAPSHOT);
    } else {
        /* Running or paused: the guest continues from the snapshot's config. */
        if (d->live) {
            cv_domain_def_free(d->live);
            d->live = cv_domain_def_copy(s->def);
        } else {
            d->live = cv_domain_def_copy(s->def);
            if (test_dom_start_locked(host, d, false, CV_EVENT_STARTED_FROM_SNAPSHOT) < 0) {
                g_clear_pointer(&d->live, cv_domain_def_free);
                goto out;
            }
        }
        if (s->state == CV_DOMAIN_PAUSED && d->state != CV_DOMAIN_PAUSED) {
            d->state = CV_DOMAIN_PAUSED;
            d->running_since = 0;
            emit(host, d, CV_EVENT_DOMAIN_SUSPENDED, CV_EVENT_SUSPENDED_FROM_SNAPSHOT);
        } else if (s->state == CV_DOMAIN_RUNNING && d->state == CV_DOMAIN_PAUSED) {
            d->state = CV_DOMAIN_RUNNING;
            d->running_since = g_get_monotonic_time();
            emit(host, d, CV_EVENT_DOMAIN_RESUMED, CV_EVENT_RESUMED_FROM_SNAPSHOT);
        }
    }
    g_free(d->current_snapshot);
    d->current_snapshot = g_strdup(s->name);
    ret = test_host_save(host);
 out:
    g_rw_lock_writer_unlock(&host->lock);
    return ret;
}

int
test_snapshot_delete(cv_snapshot *snap, unsigned int flags)
{
    test_host *host = test_host_of(snap->dom->conn);
    test_snap *s;
    test_dom *d;
    int ret = -1;

    g_rw_lock_writer_lock(&host->lock);
    if (!(d = test_dom_find(host, snap->dom)) || !(s = snap_find_err(d, snap->name)))
        goto out;
    /* Children now hang off the deleted snapshot's parent. */
    for (guint i = 0; i < d->snapshots->len; i++) {
        test_snap *c = g_ptr_array_index(d->snapshots, i);
        if (g_strcmp0(c->parent, s->name) == 0) {
            g_free(c->parent);
            c->parent = g_strdup(s->parent);
        }
    }
    if (g_strcmp0(d->current_snapshot, s->name) == 0) {
        g_free(d->current_snapshot);
        d->current_snapshot = g_strdup(s->parent);
    }
    g_ptr_array_remove(d->snapshots, s);
    ret = test_host_save(host);
 out:
    g_rw_lock_writer_unlock(&host->lock);
    return ret;
}

static const char *
state_text(int state)
{
    switch (state) {
    case CV_DOMAIN_RUNNING: return "running";
    case CV_DOMAIN_PAUSED: return "paused";
    default: return "shutoff";
    }
}

char *
test_snapshot_get_xml_desc(cv_snapshot *snap, unsigned int flags)
{
    test_host *host = test_host_of(snap->dom->conn);
    GString *b = NULL;
    test_snap *s;
    test_dom *d;

    g_rw_lock_reader_lock(&host->lock);
    if ((d = test_dom_find(host, snap->dom)) && (s = snap_find_err(d, snap->name))) {
        g_autofree char *name = cv_xml_escape(s->name);
        g_autofree char *domxml = cv_domain_def_format(s->def, -1,
                                                       CV_DOMAIN_DEF_FORMAT_INACTIVE);
        g_auto(GStrv) lines = g_strsplit(domxml, "\n", -1);

        b = g_string_new("<domainsnapshot>\n");
        g_string_append_printf(b, "  <name>%s</name>\n", name);
        if (s->description) {
            g_autofree char *desc = cv_xml_escape(s->description);
            g_string_append_printf(b, "  <description>%s</description>\n", desc);
        }
        g_string_append_printf(b, "  <state>%s</state>\n", state_text(s->state));
        if (s->parent) {
            g_autofree char *parent = cv_xml_escape(s->parent);
            g_string_append_printf(b, "  <parent>\n    <name>%s</name>\n  </parent>\n", parent);
        }
        g_string_append_printf(b, "  <creationTime>%" G_GINT64_FORMAT "</creationTime>\n",
                               s->created);
        for (char **l = lines; *l; l++)
            if (**l)
                g_string_append_printf(b, "  %s\n", *l);
        g_string_append(b, "</domainsnapshot>\n");
    }
    g_rw_lock_reader_unlock(&host->lock);
    return b ? g_string_free(b, FALSE) : NULL;
}
