/*
 * raw: the guest's bytes, as they are. Holes in the file are reported as
 * zero ranges, so conversions keep them sparse.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "storage/format.h"

static int
raw_probe(const uint8_t *buf, size_t len)
{
    /* Never chosen by content; see probe() in image.c. */
    return 0;
}

static int
raw_open(cv_bdev *bs, unsigned int flags)
{
    bs->size = bs->file_size;
    return 0;
}

static int
raw_read(cv_bdev *bs, uint64_t off, void *buf, size_t len)
{
    return cv_bdev_pread(bs, buf, len, off, "data");
}

static int
raw_write(cv_bdev *bs, uint64_t off, const void *buf, size_t len, unsigned int flags)
{
    return cv_bdev_pwrite(bs, buf, len, off, "data");
}

static int
raw_block_status(cv_bdev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                 unsigned int *status)
{
    off_t data = lseek(bs->fd, (off_t)off, SEEK_DATA);
    off_t hole;

    *status = CV_IMAGE_BLOCK_ALLOCATED;
    if (data < 0 && errno == ENXIO) {
        /* Only a hole from here to the end. */
        *status |= CV_IMAGE_BLOCK_ZERO;
        *pnum = len;
        return 0;
    }
    if (data < 0) {
        /* No SEEK_DATA on this file system: everything is data. */
        *status |= CV_IMAGE_BLOCK_DATA;
        *pnum = len;
        return 0;
    }
    if ((uint64_t)data > off) {
        *status |= CV_IMAGE_BLOCK_ZERO;
        *pnum = MIN(len, (uint64_t)data - off);
        return 0;
    }
    hole = lseek(bs->fd, (off_t)off, SEEK_HOLE);
    *status |= CV_IMAGE_BLOCK_DATA;
    *pnum = hole < 0 ? len : MIN(len, (uint64_t)hole - off);
    if (*pnum == 0)
        *pnum = len;
    return 0;
}

static int
raw_create(const char *path, uint64_t size, GHashTable *opts)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int err;

    if (fd < 0)
        return cv_error_set_errno(CV_ERR_IO, CV_FROM_IMAGE, errno, "creating '%s'", path);
    if (ftruncate(fd, (off_t)size) < 0) {
        err = errno;
        close(fd);
        return cv_error_set_errno(CV_ERR_IO, CV_FROM_IMAGE, err, "sizing '%s'", path);
    }
    close(fd);
    return 0;
}

static int
raw_flush(cv_bdev *bs)
{
    return 0;
}

const cv_format cv_format_raw = {
    .name = "raw",
    .probe = raw_probe,
    .open = raw_open,
    .create = raw_create,
    .read = raw_read,
    .write = raw_write,
    .block_status = raw_block_status,
    .flush = raw_flush,
};
