/*
 * Public snapshot entry points.
 */
#include <config.h>

#include "core/check.h"
#include "core/object.h"

cv_snapshot *
cv_snapshot_create_xml(cv_domain *dom, const char *xml, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, NULL);
    CV_CHECK_NONNULL(xml, NULL);
    CV_CHECK_FLAGS(flags, 0, NULL);
    CV_CHECK_WRITABLE(dom->conn, NULL);
    CV_DRIVER_CALL_PTR(dom->conn, snapshot_create_xml, dom, xml, flags);
}

int
cv_domain_list_all_snapshots(cv_domain *dom, cv_snapshot ***snapshots, unsigned int flags)
{
    g_autoptr(GPtrArray) out =
        g_ptr_array_new_with_free_func((GDestroyNotify)cv_snapshot_free);

    cv_error_reset();
    if (snapshots)
        *snapshots = NULL;
    CV_CHECK_DOMAIN(dom, -1);
    CV_CHECK_FLAGS(flags, 0, -1);
    if (!dom->conn->driver->domain_list_all_snapshots)
        return cv_error_unsupported(dom->conn, "domain_list_all_snapshots");
    if (dom->conn->driver->domain_list_all_snapshots(dom, out, flags) < 0)
        return -1;
    g_ptr_array_set_free_func(out, NULL);
    return cv_handle_list_return(g_steal_pointer(&out), (void ***)snapshots,
                                 (GDestroyNotify)cv_snapshot_free);
}

cv_snapshot *
cv_snapshot_lookup_by_name(cv_domain *dom, const char *name, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, NULL);
    CV_CHECK_NONNULL(name, NULL);
    CV_CHECK_FLAGS(flags, 0, NULL);
    CV_DRIVER_CALL_PTR(dom->conn, snapshot_lookup_by_name, dom, name, flags);
}

cv_snapshot *
cv_snapshot_current(cv_domain *dom, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_DOMAIN(dom, NULL);
    CV_CHECK_FLAGS(flags, 0, NULL);
    CV_DRIVER_CALL_PTR(dom->conn, snapshot_current, dom, flags);
}

int
cv_snapshot_revert(cv_snapshot *snap, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_SNAPSHOT(snap, -1);
    CV_CHECK_FLAGS(flags, 0, -1);
    CV_CHECK_WRITABLE(snap->dom->conn, -1);
    CV_DRIVER_CALL_INT(snap->dom->conn, snapshot_revert, snap, flags);
}

int
cv_snapshot_delete(cv_snapshot *snap, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_SNAPSHOT(snap, -1);
    CV_CHECK_FLAGS(flags, 0, -1);
    CV_CHECK_WRITABLE(snap->dom->conn, -1);
    CV_DRIVER_CALL_INT(snap->dom->conn, snapshot_delete, snap, flags);
}

const char *
cv_snapshot_get_name(cv_snapshot *snap)
{
    cv_error_reset();
    CV_CHECK_SNAPSHOT(snap, NULL);
    return snap->name;
}

cv_domain *
cv_snapshot_get_domain(cv_snapshot *snap)
{
    cv_error_reset();
    CV_CHECK_SNAPSHOT(snap, NULL);
    return snap->dom;
}

char *
cv_snapshot_get_xml_desc(cv_snapshot *snap, unsigned int flags)
{
    cv_error_reset();
    CV_CHECK_SNAPSHOT(snap, NULL);
    CV_CHECK_FLAGS(flags, 0, NULL);
    CV_DRIVER_CALL_PTR(snap->dom->conn, snapshot_get_xml_desc, snap, flags);
}
