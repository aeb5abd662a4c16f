/*
 * Domains of the test driver: a state machine with libvirt's transitions
 * and errors, and indexes by name, UUID and ID so that hosts with tens of
 * thousands of domains stay fast.
 */
#include <config.h>

#include <string.h>

#include "drivers/test/test-priv.h"

#define DOM_ERR(code, ...) cv_error_set((code), CV_FROM_TEST, __VA_ARGS__)

void
test_dom_free(test_dom *d)
{
    if (!d)
        return;
    cv_domain_def_free(d->def);
    cv_domain_def_free(d->live);
    g_ptr_array_unref(d->snapshots);
    g_free(d->current_snapshot);
    g_free(d);
}

static const cv_domain_def *
dom_cfg(const test_dom *d)
{
    return d->live ? d->live : d->def;
}

static const char *
dom_name(const test_dom *d)
{
    return dom_cfg(d)->name;
}

static const unsigned char *
dom_uuid(const test_dom *d)
{
    return dom_cfg(d)->uuid;
}

static void
emit(test_host *host, test_dom *d, int event, int detail)
{
    cv_event_domain_emit(host->conn, dom_name(d), dom_uuid(d), event, detail);
}

test_dom *
test_dom_find(test_host *host, cv_domain *dom)
{
    test_dom *d = g_hash_table_lookup(host->doms_by_uuid, dom->uuid);

    if (!d)
        DOM_ERR(CV_ERR_NO_DOMAIN,
                "domain '%s' no longer exists (it was undefined, or was "
                "transient and stopped)", dom->name);
    return d;
}

static cv_domain *
dom_handle(test_host *host, const test_dom *d)
{
    return cv_domain_new(host->conn, dom_name(d), dom_uuid(d));
}

static void
index_remove(test_host *host, test_dom *d)
{
    if (d->id >= 0)
        g_hash_table_remove(host->doms_by_id, GINT_TO_POINTER(d->id));
    g_hash_table_remove(host->doms_by_uuid, dom_uuid(d));
    /* Last: the name table owns the domain. */
    g_hash_table_remove(host->doms_by_name, dom_name(d));
}

/* Checks a definition against the host before it is accepted. */
static int
check_host_limits(test_host *host, const cv_domain_def *def)
{
    if (def->max_vcpus > host->cpus)
        return DOM_ERR(CV_ERR_RESOURCE_LIMIT,
                       "domain '%s' asks for %u vCPUs but the host has %u CPUs",
                       def->name, def->max_vcpus, host->cpus);
    if (def->max_memory_kib > host->memory_kib)
        return DOM_ERR(CV_ERR_RESOURCE_LIMIT,
                       "domain '%s' asks for %" G_GUINT64_FORMAT " KiB but the host "
                       "has %" G_GUINT64_FORMAT " KiB", def->name,
                       def->max_memory_kib, host->memory_kib);
    return 0;
}

/*
 * Adds a new domain or, for a persistent definition whose name and UUID
 * match an existing domain, replaces that domain's persistent config.
 * Takes ownership of @def. Called with the lock held exclusively.
 */
int
test_dom_add(test_host *host, cv_domain_def *def, bool persistent, test_dom **out)
{
    test_dom *by_name = g_hash_table_lookup(host->doms_by_name, def->name);
    test_dom *by_uuid = g_hash_table_lookup(host->doms_by_uuid, def->uuid);
    char uuid[CV_UUID_STRING_BUFLEN];
    test_dom *d;

    if (check_host_limits(host, def) < 0) {
        cv_domain_def_free(def);
        return -1;
    }
    if (by_uuid && by_uuid != by_name) {
        cv_uuid_format(def->uuid, uuid);
        DOM_ERR(CV_ERR_DUPLICATE, "domain '%s' already has UUID %s",
                dom_name(by_uuid), uuid);
        cv_domain_def_free(def);
        return -1;
    }
    if (by_name) {
        if (!by_uuid) {
            cv_uuid_format(dom_uuid(by_name), uuid);
            DOM_ERR(CV_ERR_DUPLICATE, "domain '%s' already exists with UUID %s",
                    def->name, uuid);
            cv_domain_def_free(def);
            return -1;
        }
        if (!persistent) {
            DOM_ERR(CV_ERR_OPERATION_INVALID, "domain '%s' already exists%s",
                    def->name, by_name->live ? " and is running" : "");
            cv_domain_def_free(def);
            return -1;
        }
        cv_domain_def_free(by_name->def);
        by_name->def = def;
        *out = by_name;
        return 1;   /* updated */
    }

    d = g_new0(test_dom, 1);
    d->id = -1;
    d->state = CV_DOMAIN_SHUTOFF;
    d->snapshots = g_ptr_array_new_with_free_func((GDestroyNotify)test_snap_free);
    if (persistent)
        d->def = def;
    else
        d->live = def;
    g_hash_table_insert(host->doms_by_name, g_strdup(def->name), d);
    g_hash_table_insert(host->doms_by_uuid, g_memdup2(def->uuid, CV_UUID_BUFLEN), d);
    *out = d;
    return 0;
}

int
test_dom_start_locked(test_host *host, test_dom *d, bool paused, int detail)
{
    if (!d->live) {
        if (check_host_limits(host, d->def) < 0)
            return -1;
        d->live = cv_domain_def_copy(d->def);
    }
    d->id = host->next_id++;
    g_hash_table_insert(host->doms_by_id, GINT_TO_POINTER(d->id), d);
    d->state = CV_DOMAIN_RUNNING;
    d->running_since = g_get_monotonic_time();
    emit(host, d, CV_EVENT_DOMAIN_STARTED, detail);
    if (paused) {
        d->state = CV_DOMAIN_PAUSED;
        d->cpu_time_ns += 0;
        emit(host, d, CV_EVENT_DOMAIN_SUSPENDED, CV_EVENT_SUSPENDED_PAUSED);
    }
    return 0;
}

static void
account_cpu(test_dom *d)
{
    if (d->state == CV_DOMAIN_RUNNING && d->running_since) {
        d->cpu_time_ns += (guint64)(g_get_monotonic_time() - d->running_since) * 1000;
        d->running_since = g_get_monotonic_time();
    }
}

/* Stops @d; a transient domain is removed (and freed). */
void
test_dom_stop_locked(test_host *host, test_dom *d, int detail)
{
    account_cpu(d);
    emit(host, d, CV_EVENT_DOMAIN_STOPPED, detail);
    if (!d->def) {
        index_remove(host, d);
        return;
    }
    g_hash_table_remove(host->doms_by_id, GINT_TO_POINTER(d->id));
    d->id = -1;
    d->state = CV_DOMAIN_SHUTOFF;
    d->running_since = 0;
    g_clear_pointer(&d->live, cv_domain_def_free);
}

char *
test_host_format_domain(test_dom *d, bool inactive)
{
    if (inactive && d->def)
        return cv_domain_def_format(d->def, -1, CV_DOMAIN_DEF_FORMAT_INACTIVE);
    return cv_domain_def_format(dom_cfg(d), d->id, 0);
}

/* ---- entry points ---- */

static cv_domain *
define_or_create(cv_connect *conn, const char *xml, bool persistent, unsigned int flags)
{
    test_host *host = test_host_of(conn);
    cv_domain_def *def = cv_domain_def_parse(xml);
    cv_domain *ret = NULL;
    test_dom *d;
    int r;

    if (!def)
        return NULL;
    g_rw_lock_writer_lock(&host->lock);
    r = test_dom_add(host, def, persistent, &d);
    if (r < 0)
        goto out;
    if (persistent) {
        emit(host, d, CV_EVENT_DOMAIN_DEFINED,
             r == 1 ? CV_EVENT_DEFINED_UPDATED : CV_EVENT_DEFINED_ADDED);
    } else if (test_dom_start_locked(host, d, flags & CV_DOMAIN_START_PAUSED,
                                     CV_EVENT_STARTED_BOOTED) < 0) {
        index_remove(host, d);
        goto out;
    }
    if (test_host_save(host) < 0)
        goto out;
    ret = dom_handle(host, d);
 out:
    g_rw_lock_writer_unlock(&host->lock);
    return ret;
}

cv_domain *
test_domain_define_xml(cv_connect *conn, const char *xml, unsigned int flags)
{
    return define_or_create(conn, xml, true, flags);
}

cv_domain *
test_domain_create_xml(cv_connect *conn, const char *xml, unsigned int flags)
{
    return define_or_create(conn, xml, false, flags);
}

/*
 * Runs @fn on the domain of @dom with the host locked exclusively and
 * saves the host afterwards. Every mutating entry goes through here.
 */
typedef int (*dom_op)(test_host *host, test_dom *d, unsigned int flags, void *data);

static int
with_domain(cv_domain *dom, dom_op fn, unsigned int flags, void *data)
{
    test_host *host = test_host_of(dom->conn);
    test_dom *d;
    int ret = -1;

    g_rw_lock_writer_lock(&host->lock);
    if ((d = test_dom_find(host, dom)) && (ret = fn(host, d, flags, data)) >= 0 &&
        test_host_save(host) < 0)
        ret = -1;
    g_rw_lock_writer_unlock(&host->lock);
    return ret;
}

static int
op_undefine(test_host *host, test_dom *d, unsigned int flags, void *data)
{
    if (!d->def)
        return DOM_ERR(CV_ERR_OPERATION_INVALID,
                       "cannot undefine transient domain '%s'", dom_name(d));
    if (d->snapshots->len && !(flags & CV_DOMAIN_UNDEFINE_SNAPSHOTS))
        return DOM_ERR(CV_ERR_OPERATION_INVALID,
                       "cannot undefine domain '%s' with %u snapshot(s); delete "
                       "them first or pass CV_DOMAIN_UNDEFINE_SNAPSHOTS "
                       "(cvsh: --snapshots-metadata)", dom_name(d), d->snapshots->len);
    emit(host, d, CV_EVENT_DOMAIN_UNDEFINED, CV_EVENT_UNDEFINED_REMOVED);
    g_ptr_array_set_size(d->snapshots, 0);
    g_clear_pointer(&d->current_snapshot, g_free);
    if (d->live) {
        /* A running domain becomes transient and goes when it stops. */
        g_clear_pointer(&d->def, cv_domain_def_free);
        d->autostart = false;
        return 0;
    }
    index_remove(host, d);
    return 0;
}

int
test_domain_undefine(cv_domain *dom, unsigned int flags)
{
    return with_domain(dom, op_undefine, flags, NULL);
}

static int
op_start(test_host *host, test_dom *d, unsigned int flags, void *data)
{
    if (d->live)
        return DOM_ERR(CV_ERR_OPERATION_INVALID, "domain '%s' is already running",
                       dom_name(d));
    return test_dom_start_locked(host, d, flags & CV_DOMAIN_START_PAUSED,
                                 CV_EVENT_STARTED_BOOTED);
}

int
test_domain_start(cv_domain *dom, unsigned int flags)
{
    return with_domain(dom, op_start, flags, NULL);
}

static int
require_active(test_dom *d)
{
    if (!d->live)
        return DOM_ERR(CV_ERR_OPERATION_INVALID, "domain '%s' is not running",
                       dom_name(d));
    return 0;
}

static int
op_shutdown(test_host *host, test_dom *d, unsigned int flags, void *data)
{
    if (require_active(d) < 0)
        return -1;
    if (d->state != CV_DOMAIN_RUNNING)
        return DOM_ERR(CV_ERR_OPERATION_INVALID,
                       "domain '%s' is paused; resume it before asking it to shut down",
                       dom_name(d));
    /* The simulated guest honours ACPI at once. */
    emit(host, d, CV_EVENT_DOMAIN_SHUTDOWN, CV_EVENT_SHUTDOWN_FINISHED);
    test_dom_stop_locked(host, d, CV_EVENT_STOPPED_SHUTDOWN);
    return 0;
}

int
test_domain_shutdown(cv_domain *dom, unsigned int flags)
{
    return with_domain(dom, op_shutdown, flags, NULL);
}

static int
op_destroy(test_host *host, test_dom *d, unsigned int flags, void *data)
{
    if (require_active(d) < 0)
        return -1;
    test_dom_stop_locked(host, d, CV_EVENT_STOPPED_DESTROYED);
    return 0;
}

int
test_domain_destroy(cv_domain *dom, unsigned int flags)
{
    return with_domain(dom, op_destroy, flags, NULL);
}

static int
op_reboot(test_host *host, test_dom *d, unsigned int flags, void *data)
{
    if (require_active(d) < 0)
        return -1;
    if (d->state != CV_DOMAIN_RUNNING)
        return DOM_ERR(CV_ERR_OPERATION_INVALID,
                       "domain '%s' is paused; resume it before rebooting", dom_name(d));
    /* A reboot keeps the domain running with its live config, as in libvirt. */
    return 0;
}

int
test_domain_reboot(cv_domain *dom, unsigned int flags)
{
    return with_domain(dom, op_reboot, flags, NULL);
}

static int
op_suspend(test_host *host, test_dom *d, unsigned int flags, void *data)
{
    if (require_active(d) < 0)
        return -1;
    if (d->state == CV_DOMAIN_PAUSED)
        return DOM_ERR(CV_ERR_OPERATION_INVALID, "domain '%s' is already paused",
                       dom_name(d));
    account_cpu(d);
    d->state = CV_DOMAIN_PAUSED;
    d->running_since = 0;
    emit(host, d, CV_EVENT_DOMAIN_SUSPENDED, CV_EVENT_SUSPENDED_PAUSED);
    return 0;
}

int
test_domain_suspend(cv_domain *dom, unsigned int flags)
{
    return with_domain(dom, op_suspend, flags, NULL);
}

static int
op_resume(test_host *host, test_dom *d, unsigned int flags, void *data)
{
    if (require_active(d) < 0)
        return -1;
    if (d->state != CV_DOMAIN_PAUSED)
        return DOM_ERR(CV_ERR_OPERATION_INVALID, "domain '%s' is not paused",
                       dom_name(d));
    d->state = CV_DOMAIN_RUNNING;
    d->running_since = g_get_monotonic_time();
    emit(host, d, CV_EVENT_DOMAIN_RESUMED, CV_EVENT_RESUMED_UNPAUSED);
    return 0;
}

int
test_domain_resume(cv_domain *dom, unsigned int flags)
{
    return with_domain(dom, op_resume, flags, NULL);
}

static int
op_set_autostart(test_host *host, test_dom *d, unsigned int flags, void *data)
{
    if (!d->def)
        return DOM_ERR(CV_ERR_OPERATION_INVALID,
                       "cannot set autostart for transient domain '%s'", dom_name(d));
    d->autostart = GPOINTER_TO_INT(data) != 0;
    return 0;
}

int
test_domain_set_autostart(cv_domain *dom, int autostart, unsigned int flags)
{
    return with_domain(dom, op_set_autostart, flags, GINT_TO_POINTER(autostart));
}

/* ---- reads: shared lock ---- */

#define WITH_DOMAIN_READ(dom, host, d, errret) \
    test_host *host = test_host_of((dom)->conn); \
    test_dom *d; \
    g_rw_lock_reader_lock(&host->lock); \
    if (!(d = test_dom_find(host, (dom)))) { \
        g_rw_lock_reader_unlock(&host->lock); \
        return errret; \
    }

int
test_domain_get_autostart(cv_domain *dom, int *autostart)
{
    WITH_DOMAIN_READ(dom, host, d, -1);
    *autostart = d->autostart;
    g_rw_lock_reader_unlock(&host->lock);
    return 0;
}

cv_domain *
test_domain_lookup_by_name(cv_connect *conn, const char *name)
{
    test_host *host = test_host_of(conn);
    cv_domain *ret = NULL;
    test_dom *d;

    g_rw_lock_reader_lock(&host->lock);
    if ((d = g_hash_table_lookup(host->doms_by_name, name)))
        ret = dom_handle(host, d);
    else
        DOM_ERR(CV_ERR_NO_DOMAIN, "no domain named '%s' (cvsh list --all shows "
                "the defined ones)", name);
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

cv_domain *
test_domain_lookup_by_uuid(cv_connect *conn, const unsigned char *uuid)
{
    test_host *host = test_host_of(conn);
    cv_domain *ret = NULL;
    test_dom *d;

    g_rw_lock_reader_lock(&host->lock);
    if ((d = g_hash_table_lookup(host->doms_by_uuid, uuid))) {
        ret = dom_handle(host, d);
    } else {
        char s[CV_UUID_STRING_BUFLEN];
        cv_uuid_format(uuid, s);
        DOM_ERR(CV_ERR_NO_DOMAIN, "no domain with UUID %s", s);
    }
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

cv_domain *
test_domain_lookup_by_id(cv_connect *conn, int id)
{
    test_host *host = test_host_of(conn);
    cv_domain *ret = NULL;
    test_dom *d;

    g_rw_lock_reader_lock(&host->lock);
    if ((d = g_hash_table_lookup(host->doms_by_id, GINT_TO_POINTER(id))))
        ret = dom_handle(host, d);
    else
        DOM_ERR(CV_ERR_NO_DOMAIN, "no running domain with ID %d", id);
    g_rw_lock_reader_unlock(&host->lock);
    return ret;
}

/* libvirt's filter groups: within a group OR, across groups AND. */
static bool
list_match(const test_dom *d, unsigned int f)
{
    bool active = d->live != NULL;

    if ((f & (CV_LIST_DOMAINS_ACTIVE | CV_LIST_DOMAINS_INACTIVE)) &&
        !((f & CV_LIST_DOMAINS_ACTIVE && active) || (f & CV_LIST_DOMAINS_INACTIVE && !active)))
        return false;
    if ((f & (CV_LIST_DOMAINS_PERSISTENT | CV_LIST_DOMAINS_TRANSIENT)) &&
        !((f & CV_LIST_DOMAINS_PERSISTENT && d->def) ||
          (f & CV_LIST_DOMAINS_TRANSIENT && !d->def)))
        return false;
    if (f & (CV_LIST_DOMAINS_RUNNING | CV_LIST_DOMAINS_PAUSED | CV_LIST_DOMAINS_SHUTOFF |
             CV_LIST_DOMAINS_OTHER)) {
        bool running = d->state == CV_DOMAIN_RUNNING;
        bool paused = d->state == CV_DOMAIN_PAUSED;
        bool shutoff = d->state == CV_DOMAIN_SHUTOFF;
        if (!((f & CV_LIST_DOMAINS_RUNNING && running) ||
              (f & CV_LIST_DOMAINS_PAUSED && paused) ||
              (f & CV_LIST_DOMAINS_SHUTOFF && shutoff) ||
              (f & CV_LIST_DOMAINS_OTHER && !running && !paused && !shutoff)))
            return false;
    }
    if ((f & (CV_LIST_DOMAINS_AUTOSTART | CV_LIST_DOMAINS_NO_AUTOSTART)) &&
        !((f & CV_LIST_DOMAINS_AUTOSTART && d->autostart) ||
          (f & CV_LIST_DOMAINS_NO_AUTOSTART && !d->autostart)))
        return false;
    if ((f & (CV_LIST_DOMAINS_HAS_SNAPSHOT | CV_LIST_DOMAINS_NO_SNAPSHOT)) &&
        !((f & CV_LIST_DOMAINS_HAS_SNAPSHOT && d->snapshots->len) ||
          (f & CV_LIST_DOMAINS_NO_SNAPSHOT && !d->snapshots->len)))
        return false;
    return true;
}

int
test_list_all_domains(cv_connect *conn, GPtrArray *out, unsigned int flags)
{
    test_host *host = test_host_of(conn);
    GHashTableIter it;
    gpointer v;

    g_rw_lock_reader_lock(&host->lock);
    g_hash_table_iter_init(&it, host->doms_by_name);
    while (g_hash_table_iter_next(&it, NULL, &v))
        if (list_match(v, flags))
            g_ptr_array_add(out, dom_handle(host, v));
    g_rw_lock_reader_unlock(&host->lock);
    return 0;
}

int
test_domain_get_id(cv_domain *dom)
{
    int id;
    WITH_DOMAIN_READ(dom, host, d, -1);
    id = d->id;
    g_rw_lock_reader_unlock(&host->lock);
    return id;
}

int
test_domain_get_info(cv_domain *dom, cv_domain_info *info)
{
    const cv_domain_def *cfg;
    WITH_DOMAIN_READ(dom, host, d, -1);
    cfg = dom_cfg(d);
    info->state = d->state;
    info->max_memory_kib = cfg->max_memory_kib;
    info->memory_kib = cfg->memory_kib;
    info->nr_vcpus = cfg->vcpus;
    info->max_vcpus = cfg->max_vcpus;
    info->cpu_time_ns = d->cpu_time_ns;
    if (d->state == CV_DOMAIN_RUNNING && d->running_since)
        info->cpu_time_ns += (guint64)(g_get_monotonic_time() - d->running_since) * 1000;
    g_rw_lock_reader_unlock(&host->lock);
    return 0;
}

int
test_domain_get_state(cv_domain *dom, int *state, int *reason, unsigned int flags)
{
    WITH_DOMAIN_READ(dom, host, d, -1);
    *state = d->state;
    *reason = d->reason;
    g_rw_lock_reader_unlock(&host->lock);
    return 0;
}

int
test_domain_is_active(cv_domain *dom)
{
    int r;
    WITH_DOMAIN_READ(dom, host, d, -1);
    r = d->live != NULL;
    g_rw_lock_reader_unlock(&host->lock);
    return r;
}

int
test_domain_is_persistent(cv_domain *dom)
{
    int r;
    WITH_DOMAIN_READ(dom, host, d, -1);
    r = d->def != NULL;
    g_rw_lock_reader_unlock(&host->lock);
    return r;
}

char *
test_domain_get_xml_desc(cv_domain *dom, unsigned int flags)
{
    char *xml;
    WITH_DOMAIN_READ(dom, host, d, NULL);
    xml = test_host_format_domain(d, flags & CV_DOMAIN_XML_INACTIVE);
    g_rw_lock_reader_unlock(&host->lock);
    return xml;
}
