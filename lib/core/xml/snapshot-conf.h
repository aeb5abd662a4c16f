/*
 * Snapshot requests: the <domainsnapshot> a user passes to create one.
 * Only <name> and <description> are read; what a snapshot records (state,
 * time, the domain config) is the driver's to fill in and format.
 */
#pragma once

#include <glib.h>

typedef struct {
    char *name;         /* NULL: the driver picks one */
    char *description;
} cv_snapshot_req;

cv_snapshot_req *cv_snapshot_req_parse(const char *xml);
void cv_snapshot_req_free(cv_snapshot_req *req);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_snapshot_req, cv_snapshot_req_free)
