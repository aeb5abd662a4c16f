/*
 * cv-image.h: disk images, usable with no connection. Open, create, read and
 * write images in any supported format (raw, qcow2), and convert, compare
 * and map them, as qemu-img does.
 */
#ifndef CLOUDVIRT_CV_IMAGE_H
#define CLOUDVIRT_CV_IMAGE_H

#include <cloudvirt/cv-common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cv_image cv_image;

/* Flags for cv_image_open(). */
typedef enum {
    CV_IMAGE_OPEN_READONLY = 1 << 0,
    CV_IMAGE_OPEN_NO_BACKING = 1 << 1,  /* do not open the backing chain */
} cv_image_open_flags;

/* Bits of cv_image_block_status()'s @status. */
typedef enum {
    CV_IMAGE_BLOCK_DATA = 1 << 0,       /* reads return stored data */
    CV_IMAGE_BLOCK_ZERO = 1 << 1,       /* reads return zeros */
    CV_IMAGE_BLOCK_ALLOCATED = 1 << 2,  /* decided by this image, not its backing */
} cv_image_block_flags;

/* Flags for cv_image_convert(). */
typedef enum {
    CV_IMAGE_CONVERT_COMPRESS = 1 << 0,  /* qemu-img convert -c */
} cv_image_convert_flags;

/**
 * cv_image_open:
 * @path: the image file
 * @format: "raw", "qcow2", ... or NULL to probe the content (never the name)
 * @flags: cv_image_open_flags
 *
 * Opens an image and, unless CV_IMAGE_OPEN_NO_BACKING, its backing chain.
 * A file that probes as no known format is refused rather than guessed raw
 * when it names a backing file; pass format "raw" to open anything as raw.
 *
 * Returns: a handle (release with cv_image_free()), or NULL with
 * CV_ERR_IO, CV_ERR_IMAGE_FORMAT or CV_ERR_IMAGE_CORRUPT.
 *
 * Since: 0.1
 */
CV_API cv_image *cv_image_open(const char *path, const char *format, unsigned int flags);

/**
 * cv_image_create:
 * @path: the file to create; an existing file is replaced only once the new
 *        image is complete (written to a temporary name, then renamed)
 * @format: "raw" or "qcow2"
 * @size: virtual size in bytes
 * @options: NULL-terminated "key=value" strings as qemu-img -o takes them
 *           (qcow2: cluster_size, compat=0.10|1.1, backing_file, backing_fmt,
 *           compression_type=zlib|zstd), or NULL
 * @flags: 0
 *
 * Returns: 0 on success, -1 on failure (an unknown option is named).
 *
 * Since: 0.1
 */
CV_API int cv_image_create(const char *path, const char *format, uint64_t size,
                           const char *const *options, unsigned int flags);

/**
 * cv_image_read:
 * @img: an image
 * @offset: guest offset in bytes
 * @buf: (out): @len bytes
 * @len: bytes to read
 * @flags: 0
 *
 * Reads what the guest would see, through the backing chain; beyond the
 * end of a shorter backing image, zeros.
 *
 * Returns: 0 on success, -1 on failure (a range beyond the virtual size is
 * CV_ERR_INVALID_ARG).
 *
 * Since: 0.1
 */
CV_API int cv_image_read(cv_image *img, uint64_t offset, void *buf, size_t len,
                         unsigned int flags);

/**
 * cv_image_write:
 * @img: an image opened without CV_IMAGE_OPEN_READONLY
 * @offset: guest offset in bytes
 * @buf: @len bytes
 * @len: bytes to write
 * @flags: 0
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_image_write(cv_image *img, uint64_t offset, const void *buf, size_t len,
                          unsigned int flags);

/**
 * cv_image_flush:
 * @img: an image
 * @flags: 0
 *
 * Makes everything written so far durable and the file a complete image
 * that other tools can open.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_image_flush(cv_image *img, unsigned int flags);

/**
 * cv_image_get_size:
 * @img: an image
 * @size: (out): virtual size in bytes
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_image_get_size(cv_image *img, uint64_t *size);

/**
 * cv_image_get_format:
 * @img: an image
 *
 * Returns: the format name; static storage.
 *
 * Since: 0.1
 */
CV_API const char *cv_image_get_format(cv_image *img);

/**
 * cv_image_block_status:
 * @img: an image
 * @offset: guest offset
 * @len: bytes to look at
 * @pnum: (out): how many bytes from @offset share @status (at least 1)
 * @status: (out): cv_image_block_flags
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_image_block_status(cv_image *img, uint64_t offset, uint64_t len,
                                 uint64_t *pnum, unsigned int *status);

/**
 * cv_image_get_info_json:
 * @img: an image
 * @flags: 0
 *
 * Returns: what qemu-img info --output json says of an image (format,
 * virtual-size, actual-size, cluster-size, backing-filename,
 * format-specific, backing chain under "backing-image"); free with cv_free().
 *
 * Since: 0.1
 */
CV_API char *cv_image_get_info_json(cv_image *img, unsigned int flags);

/**
 * cv_image_map_json:
 * @img: an image
 * @flags: 0
 *
 * Returns: the extents of the guest view as qemu-img map --output json
 * prints them (start, length, depth, data, zero); free with cv_free().
 *
 * Since: 0.1
 */
CV_API char *cv_image_map_json(cv_image *img, unsigned int flags);

/**
 * cv_image_progress_cb:
 * @done: bytes processed so far
 * @total: bytes in all
 * @opaque: the user pointer
 *
 * Returns: 0 to go on, non-zero to cancel (the call then fails with
 * CV_ERR_OPERATION_FAILED and leaves no output file).
 */
typedef int (*cv_image_progress_cb)(uint64_t done, uint64_t total, void *opaque);

/**
 * cv_image_convert:
 * @src: source image path
 * @src_format: its format, or NULL to probe
 * @dst: output path; written to a temporary file renamed into place only
 *       when complete
 * @dst_format: output format
 * @options: NULL-terminated "key=value" creation options, or NULL
 * @progress: (optional): called as the conversion advances
 * @opaque: passed to @progress
 * @flags: cv_image_convert_flags
 *
 * Copies the guest-visible content; ranges that read as zeros stay holes.
 *
 * Returns: 0 on success, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_image_convert(const char *src, const char *src_format, const char *dst,
                            const char *dst_format, const char *const *options,
                            cv_image_progress_cb progress, void *opaque,
                            unsigned int flags);

/**
 * cv_image_compare:
 * @a: an image
 * @b: an image
 * @first_difference: (out) (optional): guest offset of the first byte that
 *                    differs
 * @flags: 0
 *
 * Compares guest-visible content; a larger image must read zeros beyond
 * the other's end to be identical, as qemu-img compare decides.
 *
 * Returns: 0 if identical, 1 if different, -1 on failure.
 *
 * Since: 0.1
 */
CV_API int cv_image_compare(cv_image *a, cv_image *b, uint64_t *first_difference,
                            unsigned int flags);

/**
 * cv_image_ref:
 * @img: an image
 *
 * Returns: 0, or -1 if @img is NULL.
 *
 * Since: 0.1
 */
CV_API int cv_image_ref(cv_image *img);

/**
 * cv_image_free:
 * @img: an image, or NULL
 *
 * Drops a reference; the last one flushes and closes (a failure to flush
 * then is lost: call cv_image_flush() first to see it).
 *
 * Since: 0.1
 */
CV_API void cv_image_free(cv_image *img);

#ifdef __cplusplus
}
#endif

#endif /* CLOUDVIRT_CV_IMAGE_H */
