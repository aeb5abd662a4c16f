/*
 * quickstart: the first cloudvirt program to read.
 *
 * Opens a connection (test:///default unless a URI is given), defines a
 * domain from XML, starts it, lists domains, changes its memory, takes a
 * snapshot, then destroys and undefines it, saying what happened at each
 * step. Build: cc quickstart.c $(pkg-config --cflags --libs cloudvirt)
 */
#include <stdio.h>
#include <stdlib.h>

#include <cloudvirt/cloudvirt.h>

static const char domain_xml[] =
    "<domain type='test'>"
    "  <name>quickstart</name>"
    "  <memory unit='MiB'>512</memory>"
    "  <vcpu>2</vcpu>"
    "  <os><type arch='x86_64'>hvm</type></os>"
    "</domain>";

/* Prints the thread's last cloudvirt error and exits. */
static void
die(const char *what)
{
    const cv_error *err = cv_error_last();

    fprintf(stderr, "quickstart: %s failed: %s (%s)\n", what,
            err ? err->message : "unknown error",
            err ? cv_error_code_name(err->code) : "?");
    exit(1);
}

static const char *
state_name(int state)
{
    switch (state) {
    case CV_DOMAIN_RUNNING: return "running";
    case CV_DOMAIN_PAUSED: return "paused";
    case CV_DOMAIN_SHUTOFF: return "shut off";
    default: return "other";
    }
}

static void
list_domains(cv_connect *conn)
{
    cv_domain **doms;
    int n = cv_connect_list_all_domains(conn, &doms, 0);

    if (n < 0)
        die("listing domains");
    printf("  %d domain(s):\n", n);
    for (int i = 0; i < n; i++) {
        int state;

        if (cv_domain_get_state(doms[i], &state, NULL, 0) < 0)
            die("reading a domain's state");
        printf("    %-12s %s\n", cv_domain_get_name(doms[i]), state_name(state));
    }
    cv_domain_list_free(doms, n);
}

int
main(int argc, char **argv)
{
    const char *uri = argc > 1 ? argv[1] : "test:///default";
    cv_domain_info info = CV_DOMAIN_INFO_INIT;
    cv_connect *conn;
    cv_domain *dom;
    cv_snapshot *snap;

    printf("cloudvirt %s\n", cv_version_string());

    if (!(conn = cv_connect_open(uri, 0)))
        die("connecting");
    printf("connected to %s (driver '%s')\n", uri, cv_connect_get_type(conn));

    if (!(dom = cv_domain_define_xml(conn, domain_xml, 0)))
        die("defining the domain");
    printf("defined domain '%s'\n", cv_domain_get_name(dom));

    if (cv_domain_start(dom, 0) < 0)
        die("starting the domain");
    printf("started it, with ID %d\n", cv_domain_get_id(dom));
    list_domains(conn);

    if (cv_domain_set_memory(dom, 256 * 1024, CV_DOMAIN_AFFECT_LIVE) < 0)
        die("changing its memory");
    if (cv_domain_get_info(dom, &info) < 0)
        die("reading its info");
    printf("memory now %llu KiB of at most %llu KiB, %u vCPUs\n",
           (unsigned long long)info.memory_kib,
           (unsigned long long)info.max_memory_kib, info.nr_vcpus);

    if (!(snap = cv_snapshot_create_xml(dom, "<domainsnapshot><name>first</name>"
                                             "</domainsnapshot>", 0)))
        die("taking a snapshot");
    printf("took snapshot '%s'\n", cv_snapshot_get_name(snap));

    if (cv_domain_destroy(dom, 0) < 0)
        die("destroying the domain");
    printf("destroyed it\n");

    if (cv_domain_undefine(dom, CV_DOMAIN_UNDEFINE_SNAPSHOTS) < 0)
        die("undefining the domain");
    printf("undefined it, with its snapshots\n");
    list_domains(conn);

    cv_snapshot_free(snap);
    cv_domain_free(dom);
    cv_connect_close(conn);
    printf("done\n");
    return 0;
}
