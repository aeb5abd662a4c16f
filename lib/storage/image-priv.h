/*
 * What image.c shares with the other generic parts of lib/storage
 * (convert.c, the tool): the handle and a few internal entry points.
 */
#pragma once

#include "storage/format.h"

struct cv_image {
    gint refs;
    cv_bdev *bs;
};

int cv_bdev_block_status(cv_bdev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                         unsigned int *status, int *depth);
/* cv_image_write with format flags (CV_WRITE_COMPRESSED). */
int cv_image_write_internal(cv_image *img, uint64_t offset, const void *buf, size_t len,
                            unsigned int fmt_flags);
char *cv_image_json_to_string(JsonBuilder *b);
