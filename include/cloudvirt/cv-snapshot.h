/*
 * cv-snapshot.h: domain snapshots. A snapshot records a domain's config and
 * state; reverting restores both.
 */
#ifndef CLOUDVIRT_CV_SNAPSHOT_H
#define CLOUDVIRT_CV_SNAPSHOT_H

#include <cloudvirt/cv-common.h>
#include <cloudvirt/cv-domain.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cv_snapshot cv_snapshot;

/**
 * cv_snapshot_create_xml:
 * @dom: a domain
 * @xml: <domainsnapshot> XML with an optional <name> and <description>;
 *       a name is generated when absent
 * @flags: 0
 *
 * Returns: a handle (free with cv_snapshot_free()), or NULL on failure
 * (CV_ERR_DUPLICATE if the name is taken).
 *
 * Since: 0.1
 */
CV_API cv_snapshot *cv_snapshot_create_xml(cv_domain *dom, const char *xml,
                                           unsigned int flags);

/**
 * cv_domain_list_all_snapshots:
 * @dom: a domain
 * @snapshots: (out) (optional): handles in creation order; free each with
 *             cv_snapshot_free() and the array with cv_free()
 * @flags: 0
 *
 * Returns: the number of snapshots, or -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_domain_list_all_snapshots(cv_domain *dom, cv_snapshot ***snapshots,
                                        unsigned int flags);

/**
 * cv_snapshot_lookup_by_name:
 * @dom: a domain
 * @name: the snapshot's name
 * @flags: 0
 *
 * Returns: a handle, or NULL with CV_ERR_NO_SNAPSHOT.
 *
 * Since: 0.1
 */
CV_API cv_snapshot *cv_snapshot_lookup_by_name(cv_domain *dom, const char *name,
                                               unsigned int flags);

/**
 * cv_snapshot_current:
 * @dom: a domain
 * @flags: 0
 *
 * Returns: the snapshot last created or reverted to, or NULL with
 * CV_ERR_NO_SNAPSHOT if there is none.
 *
 * Since: 0.1
 */
CV_API cv_snapshot *cv_snapshot_current(cv_domain *dom, unsigned int flags);

/**
 * cv_snapshot_revert:
 * @snap: a snapshot
 * @flags: 0
 *
 * Restores the domain's config and state (running, paused or shut off) to
 * what they were when @snap was taken.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_snapshot_revert(cv_snapshot *snap, unsigned int flags);

/**
 * cv_snapshot_delete:
 * @snap: a snapshot
 * @flags: 0
 *
 * Deletes the snapshot; the handle then only answers its name.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_snapshot_delete(cv_snapshot *snap, unsigned int flags);

/**
 * cv_snapshot_get_name:
 * @snap: a snapshot
 *
 * Returns: the name; borrowed, valid as long as @snap is.
 *
 * Since: 0.1
 */
CV_API const char *cv_snapshot_get_name(cv_snapshot *snap);

/**
 * cv_snapshot_get_domain:
 * @snap: a snapshot
 *
 * Returns: the domain; borrowed, valid as long as @snap is.
 *
 * Since: 0.1
 */
CV_API cv_domain *cv_snapshot_get_domain(cv_snapshot *snap);

/**
 * cv_snapshot_get_xml_desc:
 * @snap: a snapshot
 * @flags: 0
 *
 * Returns: <domainsnapshot> XML (name, description, creation time, state,
 * the domain config it holds); free with cv_free().
 *
 * Since: 0.1
 */
CV_API char *cv_snapshot_get_xml_desc(cv_snapshot *snap, unsigned int flags);

/**
 * cv_snapshot_ref:
 * @snap: a snapshot
 *
 * Returns: 0, or -1 if @snap is NULL.
 *
 * Since: 0.1
 */
CV_API int cv_snapshot_ref(cv_snapshot *snap);

/**
 * cv_snapshot_free:
 * @snap: a snapshot, or NULL (a no-op)
 *
 * Since: 0.1
 */
CV_API void cv_snapshot_free(cv_snapshot *snap);

#ifdef __cplusplus
}
#endif

#endif /* CLOUDVIRT_CV_SNAPSHOT_H */
