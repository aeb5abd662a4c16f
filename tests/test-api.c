/*
 * The public API as a program sees it, over the embedded test driver:
 * argument and flag checks, read-only connections, handle lifetime, events
 * and concurrent use of one connection.
 */
#include <config.h>

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <cloudvirt/cloudvirt.h>

#include "cu-main.h"

#define DOM_XML_FMT \
    "<domain type='test'><name>%s</name><memory unit='MiB'>128</memory>" \
    "<vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>"

static char *
dom_xml(const char *name)
{
    return g_strdup_printf(DOM_XML_FMT, name);
}

static void
assert_error(int code, const char *needle)
{
    const cv_error *err = cv_error_last();

    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    if (err->code != code)
        fprintf(stderr, "\n  expected %s, got %s: %s\n", cv_error_code_name(code),
                cv_error_code_name(err->code), err->message);
    CU_ASSERT_EQUAL(err->code, code);
    CU_ASSERT_PTR_NOT_NULL(err->message);
    if (needle && err->message && !strstr(err->message, needle)) {
        fprintf(stderr, "\n  message '%s' lacks '%s'\n", err->message, needle);
        CU_FAIL("message does not name the culprit");
    }
}

/* ---- arguments, flags, versions ---- */

static void
version_matches_headers(void)
{
    CU_ASSERT_EQUAL(cv_version(), CV_VERSION_NUMBER);
    CU_ASSERT_STRING_EQUAL(cv_version_string(), "0.1.0");
}

static void
null_handles_are_refused_with_an_error(void)
{
    CU_ASSERT_EQUAL(cv_domain_start(NULL, 0), -1);
    assert_error(CV_ERR_INVALID_HANDLE, "cv_domain_start");
    CU_ASSERT_PTR_NULL(cv_domain_lookup_by_name(NULL, "x"));
    assert_error(CV_ERR_INVALID_HANDLE, "connection");
    CU_ASSERT_EQUAL(cv_connect_list_all_domains(NULL, NULL, 0), -1);
    assert_error(CV_ERR_INVALID_HANDLE, NULL);
    /* Freeing NULL is a no-op, not an error. */
    cv_domain_free(NULL);
    cv_network_free(NULL);
    cv_pool_free(NULL);
    cv_volume_free(NULL);
    cv_snapshot_free(NULL);
    CU_ASSERT_EQUAL(cv_connect_close(NULL), 0);
}

static void
unknown_flags_are_refused(void)
{
    cv_connect *conn = cv_connect_open("test:///default", 0);
    cv_domain *dom;

    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    dom = cv_domain_lookup_by_name(conn, "test");
    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    CU_ASSERT_EQUAL(cv_domain_suspend(dom, 0x80), -1);
    assert_error(CV_ERR_NO_SUPPORT_FLAGS, "0x80");
    CU_ASSERT_EQUAL(cv_connect_list_all_domains(conn, NULL, 1u << 30), -1);
    assert_error(CV_ERR_NO_SUPPORT_FLAGS, NULL);
    CU_ASSERT_PTR_NULL(cv_connect_open("test:///default", 0x10));
    assert_error(CV_ERR_NO_SUPPORT_FLAGS, NULL);
    cv_domain_free(dom);
    cv_connect_close(conn);
}

static void
unbuilt_drivers_say_so(void)
{
    CU_ASSERT_PTR_NULL(cv_connect_open("xen:///system", 0));
    assert_error(CV_ERR_NO_DRIVER, "xen:///system");
    CU_ASSERT_PTR_NULL(cv_connect_open("bogus:///x", 0));
    assert_error(CV_ERR_INVALID_URI, "bogus");
}

static void
successful_call_clears_last_error(void)
{
    cv_connect *conn = cv_connect_open("test:///default", 0);

    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    CU_ASSERT_PTR_NULL(cv_domain_lookup_by_name(conn, "no-such-domain"));
    assert_error(CV_ERR_NO_DOMAIN, "no-such-domain");
    CU_ASSERT(cv_connect_list_all_domains(conn, NULL, 0) >= 1);
    CU_ASSERT_PTR_NULL(cv_error_last());
    cv_connect_close(conn);
}

static void
versioned_structs_fill_only_what_fits(void)
{
    cv_connect *conn = cv_connect_open("test:///default", 0);
    cv_node_info full = CV_NODE_INFO_INIT;
    struct { uint32_t size; char model[32]; uint64_t memory_kib; uint32_t canary; } old;

    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    CU_ASSERT_EQUAL(cv_connect_get_node_info(conn, &full), 0);
    CU_ASSERT(full.cpus > 0);
    CU_ASSERT(full.memory_kib > 0);

    /* A caller built against a smaller, older struct. */
    memset(&old, 0, sizeof(old));
    old.size = offsetof(cv_node_info, cpus);
    old.canary = 0xdeadbeef;
    CU_ASSERT_EQUAL(cv_connect_get_node_info(conn, (cv_node_info *)&old), 0);
    CU_ASSERT_EQUAL(old.memory_kib, full.memory_kib);
    CU_ASSERT_EQUAL(old.canary, 0xdeadbeef);

    old.size = 0;
    CU_ASSERT_EQUAL(cv_connect_get_node_info(conn, (cv_node_info *)&old), -1);
    assert_error(CV_ERR_INVALID_ARG, "CV_NODE_INFO_INIT");
    cv_connect_close(conn);
}

/* ---- read-only connections ---- */

static void
read_only_connection_refuses_every_mutating_call(void)
{
    cv_connect *rw = cv_connect_open("test:///default", 0);
    cv_connect *ro = cv_connect_open("test:///default", CV_CONNECT_RO);
    g_autofree char *xml = dom_xml("ro-test");
    cv_domain *dom;
    cv_network *net;
    cv_pool *pool;

    CU_ASSERT_PTR_NOT_NULL_FATAL(rw);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ro);
    CU_ASSERT_EQUAL(cv_connect_is_read_only(ro), 1);
    CU_ASSERT_EQUAL(cv_connect_is_read_only(rw), 0);

    dom = cv_domain_lookup_by_name(ro, "test");
    net = cv_network_lookup_by_name(ro, "default");
    pool = cv_pool_lookup_by_name(ro, "default");
    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    CU_ASSERT_PTR_NOT_NULL_FATAL(net);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pool);

#define RO(call) \
    do { \
        CU_ASSERT_EQUAL((call), -1); \
        assert_error(CV_ERR_READ_ONLY, "read-only"); \
    } while (0)
#define RO_PTR(call) \
    do { \
        CU_ASSERT_PTR_NULL(call); \
        assert_error(CV_ERR_READ_ONLY, "read-only"); \
    } while (0)

    RO_PTR(cv_domain_define_xml(ro, xml, 0));
    RO_PTR(cv_domain_create_xml(ro, xml, 0));
    RO(cv_domain_undefine(dom, 0));
    RO(cv_domain_start(dom, 0));
    RO(cv_domain_shutdown(dom, 0));
    RO(cv_domain_destroy(dom, 0));
    RO(cv_domain_reboot(dom, 0));
    RO(cv_domain_suspend(dom, 0));
    RO(cv_domain_resume(dom, 0));
    RO(cv_domain_set_autostart(dom, 1, 0));
    RO(cv_domain_set_vcpus(dom, 1, 0));
    RO(cv_domain_set_memory(dom, 1024, 0));
    RO(cv_domain_attach_device(dom, "<disk/>", 0));
    RO(cv_domain_detach_device(dom, "<disk/>", 0));
    RO_PTR(cv_snapshot_create_xml(dom, "<domainsnapshot/>", 0));
    RO_PTR(cv_network_define_xml(ro, "<network/>", 0));
    RO_PTR(cv_network_create_xml(ro, "<network/>", 0));
    RO(cv_network_undefine(net, 0));
    RO(cv_network_start(net, 0));
    RO(cv_network_destroy(net, 0));
    RO(cv_network_set_autostart(net, 1, 0));
    RO_PTR(cv_pool_define_xml(ro, "<pool/>", 0));
    RO(cv_pool_start(pool, 0));
    RO(cv_pool_destroy(pool, 0));
    RO(cv_pool_undefine(pool, 0));
    RO(cv_pool_set_autostart(pool, 1, 0));
    RO_PTR(cv_volume_create_xml(pool, "<volume/>", 0));

    /* Reading still works. */
    {
        g_autofree char *desc = cv_domain_get_xml_desc(dom, 0);
        CU_ASSERT_PTR_NOT_NULL(desc);
        CU_ASSERT(cv_connect_list_all_domains(ro, NULL, 0) >= 1);
    }
#undef RO
#undef RO_PTR
    cv_domain_free(dom);
    cv_network_free(net);
    cv_pool_free(pool);
    cv_connect_close(ro);
    cv_connect_close(rw);
}

/* A host file whose pool holds one volume, shared by two connections. */
static char *
make_host_file(char **dir_out)
{
    g_autoptr(GError) gerr = NULL;
    char *dir = g_dir_make_tmp("cv-test-api-XXXXXX", &gerr);
    g_autofree char *pooldir = NULL;
    g_autofree char *vol = NULL;
    g_autofree char *xml = NULL;
    char *file;

    g_assert(dir);
    pooldir = g_build_filename(dir, "pool", NULL);
    g_mkdir(pooldir, 0700);
    vol = g_build_filename(pooldir, "disk.img", NULL);
    g_file_set_contents(vol, "0123456789", 10, NULL);
    xml = g_strdup_printf(
        "<node>\n"
        "  <host cpus='4' memory='4194304'/>\n"
        "  <domain-entry autostart='yes'>" DOM_XML_FMT "</domain-entry>\n"
        "  <pool-entry active='yes'><pool type='dir'><name>p</name>"
        "<target><path>%s</path></target></pool></pool-entry>\n"
        "</node>\n", "boot-me", pooldir);
    file = g_build_filename(dir, "host.xml", NULL);
    g_file_set_contents(file, xml, -1, NULL);
    *dir_out = dir;
    return file;
}

static void
remove_tree(const char *dir)
{
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

static void
read_only_connection_refuses_volume_changes(void)
{
    g_autofree char *dir = NULL;
    g_autofree char *file = make_host_file(&dir);
    g_autofree char *uri = g_strconcat("test://", file, NULL);
    cv_connect *ro = cv_connect_open(uri, CV_CONNECT_RO);
    cv_pool *pool;
    cv_volume **vols = NULL;
    int n;

    CU_ASSERT_PTR_NOT_NULL_FATAL(ro);
    pool = cv_pool_lookup_by_name(ro, "p");
    CU_ASSERT_PTR_NOT_NULL_FATAL(pool);
    n = cv_pool_list_all_volumes(pool, &vols, 0);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_EQUAL(cv_volume_delete(vols[0], 0), -1);
    assert_error(CV_ERR_READ_ONLY, "read-only");
    CU_ASSERT_EQUAL(cv_volume_resize(vols[0], 1 << 20, 0), -1);
    assert_error(CV_ERR_READ_ONLY, "read-only");
    cv_volume_free(vols[0]);
    cv_free(vols);
    cv_pool_free(pool);
    cv_connect_close(ro);
    remove_tree(dir);
}

static void
file_backed_host_boots_autostart_domains_and_persists_changes(void)
{
    g_autofree char *dir = NULL;
    g_autofree char *file = make_host_file(&dir);
    g_autofree char *uri = g_strconcat("test://", file, NULL);
    g_autofree char *xml = dom_xml("added");
    cv_connect *conn = cv_connect_open(uri, 0);
    cv_domain *dom;
    int autostart = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    /* Loading the file is booting the host: autostart domains run. */
    dom = cv_domain_lookup_by_name(conn, "boot-me");
    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    CU_ASSERT_EQUAL(cv_domain_is_active(dom), 1);
    cv_domain_free(dom);
    dom = cv_domain_define_xml(conn, xml, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    CU_ASSERT_EQUAL(cv_domain_set_autostart(dom, 1, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_set_memory(dom, 65536, CV_DOMAIN_AFFECT_CONFIG), 0);
    cv_domain_free(dom);
    cv_connect_close(conn);

    /* A fresh connection reads what the first one saved. */
    conn = cv_connect_open(uri, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    dom = cv_domain_lookup_by_name(conn, "added");
    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    CU_ASSERT_EQUAL(cv_domain_get_autostart(dom, &autostart), 0);
    CU_ASSERT_EQUAL(autostart, 1);
    CU_ASSERT_EQUAL(cv_domain_is_active(dom), 1);
    {
        cv_domain_info info = CV_DOMAIN_INFO_INIT;
        CU_ASSERT_EQUAL(cv_domain_get_info(dom, &info), 0);
        CU_ASSERT_EQUAL(info.memory_kib, 65536);
    }
    CU_ASSERT_EQUAL(cv_domain_destroy(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_undefine(dom, 0), 0);
    cv_domain_free(dom);
    cv_connect_close(conn);

    /* No temporary file is left beside the host file. */
    {
        g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
        const char *name;
        int entries = 0;
        while ((name = g_dir_read_name(d)))
            entries++;
        CU_ASSERT_EQUAL(entries, 2);   /* host.xml and pool/ */
    }
    conn = cv_connect_open(uri, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    CU_ASSERT_PTR_NULL(cv_domain_lookup_by_name(conn, "added"));
    assert_error(CV_ERR_NO_DOMAIN, "added");
    cv_connect_close(conn);
    remove_tree(dir);
}

static void
bad_host_file_is_refused_with_its_name(void)
{
    g_autofree char *dir = g_dir_make_tmp("cv-test-api-XXXXXX", NULL);
    g_autofree char *file = g_build_filename(dir, "bad.xml", NULL);
    g_autofree char *uri = g_strconcat("test://", file, NULL);

    g_file_set_contents(file, "<node><bogus/></node>", -1, NULL);
    CU_ASSERT_PTR_NULL(cv_connect_open(uri, 0));
    assert_error(CV_ERR_XML_UNSUPPORTED, "bogus");
    CU_ASSERT_PTR_NOT_NULL(strstr(cv_error_last()->message, file));
    g_unlink(file);
    CU_ASSERT_PTR_NULL(cv_connect_open(uri, 0));
    assert_error(CV_ERR_IO, NULL);
    remove_tree(dir);
}

/* ---- handle lifetime ---- */

static void
handles_outlive_the_callers_close(void)
{
    cv_connect *conn = cv_connect_open("test:///default", 0);
    g_autofree char *xml = dom_xml("survivor");
    cv_domain *dom;
    cv_domain_info info = CV_DOMAIN_INFO_INIT;

    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    dom = cv_domain_define_xml(conn, xml, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    /* The domain handle holds a reference: one left after our close. */
    CU_ASSERT_EQUAL(cv_connect_close(conn), 1);
    CU_ASSERT_STRING_EQUAL(cv_domain_get_name(dom), "survivor");
    CU_ASSERT_EQUAL(cv_domain_start(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_get_info(dom, &info), 0);
    CU_ASSERT_EQUAL(info.state, CV_DOMAIN_RUNNING);
    CU_ASSERT_PTR_EQUAL(cv_domain_get_connect(dom), conn);
    cv_domain_free(dom);   /* the connection really closes here */
}

static void
stale_handle_reports_missing_object(void)
{
    cv_connect *conn = cv_connect_open("test:///default", 0);
    g_autofree char *xml = dom_xml("ephemeral");
    cv_domain *dom, *again;

    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    dom = cv_domain_define_xml(conn, xml, 0);
    again = cv_domain_lookup_by_name(conn, "ephemeral");
    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    CU_ASSERT_PTR_NOT_NULL_FATAL(again);
    CU_ASSERT_EQUAL(cv_domain_undefine(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_start(again, 0), -1);
    assert_error(CV_ERR_NO_DOMAIN, "ephemeral");
    CU_ASSERT_STRING_EQUAL(cv_domain_get_name(again), "ephemeral");
    cv_domain_free(dom);
    cv_domain_free(again);
    cv_connect_close(conn);
}

/* ---- events ---- */

typedef struct {
    GMutex lock;
    GArray *events;    /* event * 100 + detail */
    GThread *thread;   /* where the last callback ran */
    int freed;
} event_log;

static void
log_event(cv_connect *conn, cv_domain *dom, int event, int detail, void *opaque)
{
    event_log *log = opaque;
    int v = event * 100 + detail;

    g_mutex_lock(&log->lock);
    g_array_append_val(log->events, v);
    log->thread = g_thread_self();
    g_mutex_unlock(&log->lock);
}

static void
log_freed(void *opaque)
{
    event_log *log = opaque;

    g_atomic_int_inc(&log->freed);
}

static guint
log_count(event_log *log)
{
    guint n;

    g_mutex_lock(&log->lock);
    n = log->events->len;
    g_mutex_unlock(&log->lock);
    return n;
}

static gboolean
wait_for_events(event_log *log, guint n)
{
    for (int i = 0; i < 500 && log_count(log) < n; i++)
        g_usleep(10000);
    return log_count(log) >= n;
}

static void
lifecycle_events_arrive_in_order_on_a_library_thread(void)
{
    cv_connect *conn = cv_connect_open("test:///default", 0);
    g_autofree char *xml = dom_xml("evented");
    event_log log = { .events = g_array_new(FALSE, FALSE, sizeof(int)) };
    static const int expected[] = {
        CV_EVENT_DOMAIN_DEFINED * 100 + CV_EVENT_DEFINED_ADDED,
        CV_EVENT_DOMAIN_STARTED * 100 + CV_EVENT_STARTED_BOOTED,
        CV_EVENT_DOMAIN_SUSPENDED * 100 + CV_EVENT_SUSPENDED_PAUSED,
        CV_EVENT_DOMAIN_RESUMED * 100 + CV_EVENT_RESUMED_UNPAUSED,
        CV_EVENT_DOMAIN_STOPPED * 100 + CV_EVENT_STOPPED_DESTROYED,
        CV_EVENT_DOMAIN_UNDEFINED * 100 + CV_EVENT_UNDEFINED_REMOVED,
    };
    cv_domain *dom;
    int id;

    g_mutex_init(&log.lock);
    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    id = cv_connect_domain_event_register(conn, NULL, log_event, &log, log_freed, 0);
    CU_ASSERT(id >= 0);
    dom = cv_domain_define_xml(conn, xml, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    CU_ASSERT_EQUAL(cv_domain_start(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_suspend(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_resume(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_destroy(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_undefine(dom, 0), 0);

    CU_ASSERT_TRUE(wait_for_events(&log, G_N_ELEMENTS(expected)));
    CU_ASSERT_EQUAL(log.events->len, G_N_ELEMENTS(expected));
    for (guint i = 0; i < MIN(log.events->len, G_N_ELEMENTS(expected)); i++)
        CU_ASSERT_EQUAL(g_array_index(log.events, int, i), expected[i]);
    CU_ASSERT_PTR_NOT_EQUAL(log.thread, g_thread_self());

    CU_ASSERT_EQUAL(cv_connect_domain_event_deregister(conn, id), 0);
    CU_ASSERT_EQUAL(g_atomic_int_get(&log.freed), 1);
    CU_ASSERT_EQUAL(cv_connect_domain_event_deregister(conn, id), -1);
    assert_error(CV_ERR_INVALID_ARG, "no event callback");

    cv_domain_free(dom);
    cv_connect_close(conn);
    g_array_free(log.events, TRUE);
    g_mutex_clear(&log.lock);
}

static void
events_can_be_delivered_on_a_callers_main_context(void)
{
    cv_connect *conn = cv_connect_open("test:///default", 0);
    GMainContext *ctx = g_main_context_new();
    event_log log = { .events = g_array_new(FALSE, FALSE, sizeof(int)) };
    cv_domain *dom;
    gint64 deadline;

    g_mutex_init(&log.lock);
    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    CU_ASSERT_EQUAL(cv_connect_set_event_context(conn, ctx, 0), 0);
    dom = cv_domain_lookup_by_name(conn, "test");
    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    /* Only this domain's events. */
    CU_ASSERT(cv_connect_domain_event_register(conn, dom, log_event, &log, NULL, 0) >= 0);
    CU_ASSERT_EQUAL(cv_domain_suspend(dom, 0), 0);
    {
        g_autofree char *xml = dom_xml("other");
        cv_domain *other = cv_domain_define_xml(conn, xml, 0);
        CU_ASSERT_PTR_NOT_NULL(other);
        cv_domain_free(other);
    }
    CU_ASSERT_EQUAL(cv_domain_resume(dom, 0), 0);

    /* Nothing runs until we iterate the context... */
    g_usleep(50000);
    CU_ASSERT_EQUAL(log_count(&log), 0);
    deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
    while (log_count(&log) < 2 && g_get_monotonic_time() < deadline)
        g_main_context_iteration(ctx, FALSE);
    /* ...and then on this thread, for the filtered domain only. */
    CU_ASSERT_EQUAL(log_count(&log), 2);
    CU_ASSERT_PTR_EQUAL(log.thread, g_thread_self());

    cv_domain_free(dom);
    cv_connect_close(conn);
    /* Let queued sources holding the connection run out. */
    while (g_main_context_iteration(ctx, FALSE))
        ;
    g_main_context_unref(ctx);
    g_array_free(log.events, TRUE);
    g_mutex_clear(&log.lock);
}

/* ---- threads ---- */

#define NTHREADS 8
#define ROUNDS 200

typedef struct {
    cv_connect *conn;
    int index;
    int failures;
} worker;

static gpointer
hammer(gpointer data)
{
    worker *w = data;

    for (int r = 0; r < ROUNDS; r++) {
        g_autofree char *name = g_strdup_printf("t%d-%d", w->index, r % 10);
        g_autofree char *xml = dom_xml(name);
        cv_domain *dom = cv_domain_define_xml(w->conn, xml, 0);
        cv_domain *found;

        if (!dom) {
            w->failures++;
            continue;
        }
        if (cv_domain_start(dom, 0) < 0 && cv_error_last()->code != CV_ERR_OPERATION_INVALID)
            w->failures++;
        found = cv_domain_lookup_by_name(w->conn, "test");
        if (!found)
            w->failures++;
        cv_domain_free(found);
        if (cv_connect_list_all_domains(w->conn, NULL, 0) < 1)
            w->failures++;
        if (cv_domain_destroy(dom, 0) < 0)
            w->failures++;
        /* Leave the last round's domains defined, for the final check. */
        if (r < ROUNDS - 10 && cv_domain_undefine(dom, 0) < 0)
            w->failures++;
        cv_domain_free(dom);
    }
    return NULL;
}

static void
eight_threads_share_one_connection(void)
{
    cv_connect *conn = cv_connect_open("test:///default", 0);
    worker workers[NTHREADS];
    GThread *threads[NTHREADS];
    int n_before, n_after, active;

    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    n_before = cv_connect_list_all_domains(conn, NULL, 0);
    for (int i = 0; i < NTHREADS; i++) {
        workers[i] = (worker){ .conn = conn, .index = i };
        threads[i] = g_thread_new("hammer", hammer, &workers[i]);
    }
    for (int i = 0; i < NTHREADS; i++) {
        g_thread_join(threads[i]);
        CU_ASSERT_EQUAL(workers[i].failures, 0);
    }
    /* Each thread leaves its ten last names defined and shut off. */
    n_after = cv_connect_list_all_domains(conn, NULL, 0);
    CU_ASSERT_EQUAL(n_after, n_before + NTHREADS * 10);
    active = cv_connect_list_all_domains(conn, NULL, CV_LIST_DOMAINS_ACTIVE);
    CU_ASSERT_EQUAL(active, 1);  /* only the preloaded "test" domain */
    cv_connect_close(conn);
}

static CU_TestInfo api_tests[] = {
    CU_CASE(version_matches_headers),
    CU_CASE(null_handles_are_refused_with_an_error),
    CU_CASE(unknown_flags_are_refused),
    CU_CASE(unbuilt_drivers_say_so),
    CU_CASE(successful_call_clears_last_error),
    CU_CASE(versioned_structs_fill_only_what_fits),
    CU_CASE(read_only_connection_refuses_every_mutating_call),
    CU_CASE(read_only_connection_refuses_volume_changes),
    CU_CASE(file_backed_host_boots_autostart_domains_and_persists_changes),
    CU_CASE(bad_host_file_is_refused_with_its_name),
    CU_CASE(handles_outlive_the_callers_close),
    CU_CASE(stale_handle_reports_missing_object),
    CU_CASE(lifecycle_events_arrive_in_order_on_a_library_thread),
    CU_CASE(events_can_be_delivered_on_a_callers_main_context),
    CU_CASE(eight_threads_share_one_connection),
    CU_TEST_INFO_NULL,
};

static const cu_suite cu_suites[] = {
    { "api", NULL, NULL, api_tests },
    CU_SUITE_END,
};

CU_MAIN()
