/*
 * bench-domains: the embedded test driver against libvirt's own test
 * driver, in one process and one run. Each side defines N domains, then
 * times list-all and a lookup-by-name of every domain; the ratio
 * libvirt/cloudvirt is printed per operation (above 1: cloudvirt faster).
 * Medians of several rounds, since the machine is noisy.
 *
 * Usage: bench-domains [N] [ROUNDS]   (defaults 10000 and 5)
 */
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <cloudvirt/cloudvirt.h>

#define XML_FMT \
    "<domain type='test'><name>bench-%d</name><memory unit='MiB'>64</memory>" \
    "<vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>"

typedef struct {
    double define_s, list_s, lookup_s;
} timings;

static double
now(void)
{
    return g_get_monotonic_time() / 1e6;
}

static void
silence(void *opaque, virErrorPtr err)
{
}

static int
run_libvirt(int n, timings *t)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr *doms = NULL;
    double t0;
    int got;

    if (!conn)
        return -1;
    t0 = now();
    for (int i = 0; i < n; i++) {
        g_autofree char *xml = g_strdup_printf(XML_FMT, i);
        virDomainPtr d = virDomainDefineXML(conn, xml);
        if (!d)
            return -1;
        virDomainFree(d);
    }
    t->define_s = now() - t0;

    t0 = now();
    got = virConnectListAllDomains(conn, &doms, 0);
    t->list_s = now() - t0;
    if (got < n)
        return -1;
    for (int i = 0; i < got; i++)
        virDomainFree(doms[i]);
    free(doms);

    t0 = now();
    for (int i = 0; i < n; i++) {
        char name[32];
        virDomainPtr d;
        g_snprintf(name, sizeof(name), "bench-%d", i);
        if (!(d = virDomainLookupByName(conn, name)))
            return -1;
        virDomainFree(d);
    }
    t->lookup_s = now() - t0;
    virConnectClose(conn);
    return 0;
}

static int
run_cloudvirt(int n, timings *t)
{
    cv_connect *conn = cv_connect_open("test:///default", 0);
    cv_domain **doms = NULL;
    double t0;
    int got;

    if (!conn)
        return -1;
    t0 = now();
    for (int i = 0; i < n; i++) {
        g_autofree char *xml = g_strdup_printf(XML_FMT, i);
        cv_domain *d = cv_domain_define_xml(conn, xml, 0);
        if (!d)
            return -1;
        cv_domain_free(d);
    }
    t->define_s = now() - t0;

    t0 = now();
    got = cv_connect_list_all_domains(conn, &doms, 0);
    t->list_s = now() - t0;
    if (got < n)
        return -1;
    cv_domain_list_free(doms, got);

    t0 = now();
    for (int i = 0; i < n; i++) {
        char name[32];
        cv_domain *d;
        g_snprintf(name, sizeof(name), "bench-%d", i);
        if (!(d = cv_domain_lookup_by_name(conn, name)))
            return -1;
        cv_domain_free(d);
    }
    t->lookup_s = now() - t0;
    cv_connect_close(conn);
    return 0;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double
median(double *v, int n)
{
    qsort(v, n, sizeof(double), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int
main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 10000;
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    double lv[3][64], cv[3][64];
    const char *names[3] = { "define", "list-all", "lookup-by-name" };
    int worst_fail = 0;

    if (n <= 0 || rounds <= 0 || rounds > 64) {
        fprintf(stderr, "usage: %s [N>0] [ROUNDS 1..64]\n", argv[0]);
        return 2;
    }
    virSetErrorFunc(NULL, silence);
    for (int r = 0; r < rounds; r++) {
        timings tl, tc;
        if (run_libvirt(n, &tl) < 0) {
            fprintf(stderr, "libvirt's test driver failed: %s\n",
                    virGetLastErrorMessage());
            return 1;
        }
        if (run_cloudvirt(n, &tc) < 0) {
            fprintf(stderr, "cloudvirt failed: %s\n",
                    cv_error_last() ? cv_error_last()->message : "?");
            return 1;
        }
        lv[0][r] = tl.define_s; lv[1][r] = tl.list_s; lv[2][r] = tl.lookup_s;
        cv[0][r] = tc.define_s; cv[1][r] = tc.list_s; cv[2][r] = tc.lookup_s;
    }
    printf("%d domains, median of %d rounds (seconds; ratio = libvirt / cloudvirt)\n",
           n, rounds);
    printf("%-16s %12s %12s %8s\n", "operation", "libvirt", "cloudvirt", "ratio");
    for (int op = 0; op < 3; op++) {
        double l = median(lv[op], rounds), c = median(cv[op], rounds);
        double ratio = c > 0 ? l / c : 0;
        printf("%-16s %12.6f %12.6f %7.2fx\n", names[op], l, c, ratio);
        /* The goal is at least 2x on list-all and lookups. */
        if (op > 0 && ratio < 2.0)
            worst_fail = 1;
    }
    printf("goal (list-all and lookup >= 2x): %s\n", worst_fail ? "MISSED" : "met");
    return 0;
}
