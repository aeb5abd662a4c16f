/*
 * Pool and volume definitions: libvirt's pool XML for type 'dir' and its
 * volume XML.
 */
#pragma once

#include <glib.h>
#include <cloudvirt/cv-common.h>

typedef struct {
    char *type;                 /* "dir" */
    char *name;
    unsigned char uuid[CV_UUID_BUFLEN];
    char *target_path;
} cv_pool_def;

typedef struct {
    char *name;
    guint64 capacity;           /* bytes */
    guint64 allocation;         /* bytes; what to preallocate */
    char *format;               /* raw, qcow2, vmdk, vpc, vdi */
    char *backing_path;
    char *backing_format;
} cv_volume_def;

/* Largest volume we create: 64 TiB, qcow2's practical limit is far higher,
 * but nothing real asks for more and an absurd number is a typo. */
#define CV_VOLUME_MAX_CAPACITY (64ULL << 40)

cv_pool_def *cv_pool_def_parse(const char *xml);
char *cv_pool_def_format(const cv_pool_def *def, guint64 capacity,
                         guint64 allocation, guint64 available);
void cv_pool_def_free(cv_pool_def *def);

cv_volume_def *cv_volume_def_parse(const char *xml);
char *cv_volume_def_format(const cv_volume_def *def, const char *path,
                           guint64 allocation);
void cv_volume_def_free(cv_volume_def *def);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_pool_def, cv_pool_def_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_volume_def, cv_volume_def_free)
