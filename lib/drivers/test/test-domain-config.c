/*
 * Config changes of test domains: vCPUs, memory, disks and interfaces, on
 * the live config, the persistent one, or both, with libvirt's rules for
 * which copy "current" means and which limits apply.
 */
#include <config.h>

#include "drivers/test/test-priv.h"

#define DOM_ERR(code, ...) cv_error_set((code), CV_FROM_TEST, __VA_ARGS__)

/* Resolves CV_DOMAIN_AFFECT_CURRENT and checks the copies exist. */
static int
affected(test_dom *d, unsigned int flags, bool *live, bool *config)
{
    const char *name = (d->live ? d->live : d->def)->name;

    *live = flags & CV_DOMAIN_AFFECT_LIVE;
    *config = flags & CV_DOMAIN_AFFECT_CONFIG;
    if (!*live && !*config) {
        *live = d->live != NULL;
        *config = d->live == NULL;
    }
    if (*live && !d->live)
        return DOM_ERR(CV_ERR_OPERATION_INVALID,
                       "domain '%s' is not running, so it has no live config to change",
                       name);
    if (*config && !d->def)
        return DOM_ERR(CV_ERR_OPERATION_INVALID,
                       "transient domain '%s' has no persistent config to change", name);
    return 0;
}

typedef struct {
    guint64 value;
    unsigned int flags;
} set_req;

static int
vcpus_apply(test_host *host, cv_domain_def *def, unsigned int n, bool maximum, bool is_live)
{
    if (maximum) {
        if (is_live)
            return DOM_ERR(CV_ERR_OPERATION_INVALID,
                           "the maximum vCPU count of '%s' can only change in its "
                           "persistent config (use CV_DOMAIN_AFFECT_CONFIG / --config)",
                           def->name);
        if (n > host->cpus)
            return DOM_ERR(CV_ERR_RESOURCE_LIMIT,
                           "cannot give '%s' a maximum of %u vCPUs: the host has %u CPUs",
                           def->name, n, host->cpus);
        def->max_vcpus = n;
        def->vcpus = MIN(def->vcpus, n);
        return 0;
    }
    if (n > def->max_vcpus)
        return DOM_ERR(CV_ERR_RESOURCE_LIMIT,
                       "cannot give '%s' %u vCPUs: its maximum is %u (raise it with "
                       "--maximum --config)", def->name, n, def->max_vcpus);
    def->vcpus = n;
    return 0;
}

static int
op_set_vcpus(test_host *host, test_dom *d, unsigned int flags, void *data)
{
    set_req *req = data;
    bool live, config, maximum = req->flags & CV_DOMAIN_SET_MAXIMUM;
    g_autoptr(cv_domain_def) newcfg = NULL;

    if (affected(d, req->flags, &live, &config) < 0)
        return -1;
    /* Check both copies before changing either, so a failure changes nothing. */
    if (config) {
        newcfg = cv_domain_def_copy(d->def);
        if (vcpus_apply(host, newcfg, (unsigned int)req->value, maximum, false) < 0)
            return -1;
    }
    if (live && vcpus_apply(host, d->live, (unsigned int)req->value, maximum, true) < 0)
        return -1;
    if (config) {
        cv_domain_def_free(d->def);
        d->def = g_steal_pointer(&newcfg);
    }
    return 0;
}

int
test_domain_set_vcpus(cv_domain *dom, unsigned int nvcpus, unsigned int flags)
{
    test_host *host = test_host_of(dom->conn);
    set_req req = { nvcpus, flags };
    test_dom *d;
    int ret = -1;

    g_rw_lock_writer_lock(&host->lock);
    if ((d = test_dom_find(host, dom)) && (ret = op_set_vcpus(host, d, 0, &req)) == 0)
        ret = test_host_save(host);
    g_rw_lock_writer_unlock(&host->lock);
    return ret;
}

static int
memory_apply(test_host *host, cv_domain_def *def, guint64 kib, bool maximum, bool is_live)
{
    if (maximum) {
        if (is_live)
            return DOM_ERR(CV_ERR_OPERATION_INVALID,
                           "the maximum memory of '%s' can only change in its "
                           "persistent config (use --config)", def->name);
        if (kib > host->memory_kib)
            return DOM_ERR(CV_ERR_RESOURCE_LIMIT,
                           "cannot give '%s' %" G_GUINT64_FORMAT " KiB: the host has %"
                           G_GUINT64_FORMAT " KiB", def->name, kib, host->memory_kib);
        def->max_memory_kib = kib;
        def->memory_kib = MIN(def->memory_kib, kib);
        return 0;
    }
    if (kib > def->max_memory_kib)
        return DOM_ERR(CV_ERR_RESOURCE_LIMIT,
                       "cannot give '%s' %" G_GUINT64_FORMAT " KiB: its maximum is %"
                       G_GUINT64_FORMAT " KiB (raise it with setmaxmem --config)",
                       def->name, kib, def->max_memory_kib);
    def->memory_kib = kib;
    return 0;
}

int
test_domain_set_memory(cv_domain *dom, uint64_t memory_kib, unsigned int flags)
{
    test_host *host = test_host_of(dom->conn);
    bool live, config, maximum = flags & CV_DOMAIN_SET_MAXIMUM;
    g_autoptr(cv_domain_def) newcfg = NULL;
    test_dom *d;
    int ret = -1;

    g_rw_lock_writer_lock(&host->lock);
    if (!(d = test_dom_find(host, dom)) || affected(d, flags, &live, &config) < 0)
        goto out;
    if (config) {
        newcfg = cv_domain_def_copy(d->def);
        if (memory_apply(host, newcfg, memory_kib, maximum, false) < 0)
            goto out;
    }
    if (live && memory_apply(host, d->live, memory_kib, maximum, true) < 0)
        goto out;
    if (config) {
        cv_domain_def_free(d->def);
        d->def = g_steal_pointer(&newcfg);
    }
    ret = test_host_save(host);
 out:
    g_rw_lock_writer_unlock(&host->lock);
    return ret;
}

/* Attach or detach on one config copy. */
static int
device_change(cv_domain_def *def, const cv_disk_def *disk, const cv_iface_def *iface,
              bool attach)
{
    if (disk) {
        int idx = cv_domain_def_find_disk(def, disk->target_dev);
        if (attach) {
            if (idx >= 0)
                return DOM_ERR(CV_ERR_DUPLICATE,
                               "domain '%s' already has a disk at target '%s'",
                               def->name, disk->target_dev);
            g_ptr_array_add(def->disks, cv_disk_def_copy(disk));
        } else {
            if (idx < 0)
                return DOM_ERR(CV_ERR_OPERATION_INVALID,
                               "domain '%s' has no disk at target '%s'",
                               def->name, disk->target_dev);
            g_ptr_array_remove_index(def->disks, (guint)idx);
        }
        return 0;
    }
    {
        int idx = cv_domain_def_find_iface(def, iface->mac);
        if (attach) {
            if (idx >= 0)
                return DOM_ERR(CV_ERR_DUPLICATE,
                               "domain '%s' already has an interface with MAC %s",
                               def->name, iface->mac);
            g_ptr_array_add(def->ifaces, cv_iface_def_copy(iface));
        } else {
            if (idx < 0)
                return DOM_ERR(CV_ERR_OPERATION_INVALID,
                               "domain '%s' has no interface with MAC %s",
                               def->name, iface->mac);
            g_ptr_array_remove_index(def->ifaces, (guint)idx);
        }
    }
    return 0;
}

static int
device_op(cv_domain *dom, const char *xml, unsigned int flags, bool attach)
{
    test_host *host = test_host_of(dom->conn);
    g_autoptr(cv_disk_def) disk = NULL;
    g_autoptr(cv_iface_def) iface = NULL;
    g_autoptr(cv_domain_def) newcfg = NULL;
    g_autoptr(cv_domain_def) newlive = NULL;
    bool live, config;
    test_dom *d;
    int ret = -1;

    if (cv_domain_device_parse(xml, &disk, &iface) < 0)
        return -1;
    /* Detaching an interface given without a MAC: the parser generated one,
     * which matches nothing; libvirt needs the MAC too. */
    g_rw_lock_writer_lock(&host->lock);
    if (!(d = test_dom_find(host, dom)) || affected(d, flags, &live, &config) < 0)
        goto out;
    if (config) {
        newcfg = cv_domain_def_copy(d->def);
        if (device_change(newcfg, disk, iface, attach) < 0)
            goto out;
    }
    if (live) {
        newlive = cv_domain_def_copy(d->live);
        if (device_change(newlive, disk, iface, attach) < 0)
            goto out;
    }
    if (config) {
        cv_domain_def_free(d->def);
        d->def = g_steal_pointer(&newcfg);
    }
    if (live) {
        cv_domain_def_free(d->live);
        d->live = g_steal_pointer(&newlive);
    }
    ret = test_host_save(host);
 out:
    g_rw_lock_writer_unlock(&host->lock);
    return ret;
}

int
test_domain_attach_device(cv_domain *dom, const char *xml, unsigned int flags)
{
    return device_op(dom, xml, flags, true);
}

int
test_domain_detach_device(cv_domain *dom, const char *xml, unsigned int flags)
{
    return device_op(dom, xml, flags, false);
}
