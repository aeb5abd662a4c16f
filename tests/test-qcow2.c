/*
 * Images against qemu-img, both ways: what qemu-img and qemu-io write, we
 * read byte for byte as qemu-img convert -O raw does; what we write,
 * qemu-img check finds clean and qemu-img compare finds identical. And
 * hostile qcow2 headers are refused by name, without a crash.
 */
#include <config.h>

#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <cloudvirt/cloudvirt.h>

#include "cu-main.h"

static char *dir;
static const char *qemu_img, *qemu_io;

static char *
path(const char *name)
{
    return g_build_filename(dir, name, NULL);
}

/* Runs a command line; returns its exit status, output in *out if asked. */
static int
run(char **out, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static int
run(char **out, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *cmd = NULL;
    g_autofree char *o = NULL;
    g_autofree char *e = NULL;
    int status = -1;

    va_start(ap, fmt);
    cmd = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (!g_spawn_command_line_sync(cmd, &o, &e, &status, NULL))
        return -1;
    if (out)
        *out = g_steal_pointer(&o);
    if (!g_spawn_check_wait_status(status, NULL)) {
        if (!out)
            fprintf(stderr, "\n  '%s' failed: %s%s", cmd, o ? o : "", e ? e : "");
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    return 0;
}

static int
suite_init(void)
{
    qemu_img = g_getenv("QEMU_IMG");
    qemu_io = g_getenv("QEMU_IO");
    if (!qemu_img || !*qemu_img)
        qemu_img = "qemu-img";
    if (!qemu_io || !*qemu_io)
        qemu_io = "qemu-io";
    dir = g_dir_make_tmp("cv-test-qcow2-XXXXXX", NULL);
    return dir ? 0 : 1;
}

static int
suite_clean(void)
{
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", dir);
    int r = system(cmd);

    g_free(dir);
    return r == 0 ? 0 : 1;
}

/* Reads the whole guest view through cloudvirt into a raw file. */
static void
our_raw(const char *img_path, const char *out_path)
{
    cv_image *img = cv_image_open(img_path, NULL, CV_IMAGE_OPEN_READONLY);
    uint64_t size = 0;
    g_autofree uint8_t *buf = g_malloc(1 << 20);
    int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

    if (!img)
        fprintf(stderr, "\n  open %s: %s\n", img_path, cv_error_last()->message);
    CU_ASSERT_PTR_NOT_NULL_FATAL(img);
    CU_ASSERT_EQUAL(cv_image_get_size(img, &size), 0);
    for (uint64_t off = 0; off < size; off += 1 << 20) {
        size_t n = (size_t)MIN(size - off, (uint64_t)(1 << 20));
        CU_ASSERT_EQUAL_FATAL(cv_image_read(img, off, buf, n, 0), 0);
        CU_ASSERT_EQUAL_FATAL(pwrite(fd, buf, n, (off_t)off), (ssize_t)n);
    }
    close(fd);
    cv_image_free(img);
}

/* qemu-img makes @name with @opts, qemu-io writes known bytes with holes
 * between, and our reading must match qemu-img convert -O raw. */
static void
reads_like_qemu(const char *name, const char *opts, const char *size)
{
    g_autofree char *img = path(name);
    g_autofree char *ref = g_strconcat(img, ".ref", NULL);
    g_autofree char *ours = g_strconcat(img, ".ours", NULL);

    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s create -q -f qcow2 %s %s %s", qemu_img, opts, img,
                              size), 0);
    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s -c 'write -P 0xab 1M 64k' -c 'write -P 0x11 3M 4k' "
                              "-c 'write -P 0x5a 5000k 600k' -c 'write -z 3M 1k' %s",
                              qemu_io, img), 0);
    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s convert -O raw %s %s", qemu_img, img, ref), 0);
    our_raw(img, ours);
    CU_ASSERT_EQUAL(run(NULL, "cmp -s %s %s", ref, ours), 0);
}

static void
reads_qcow2_v3_default(void)
{
    reads_like_qemu("v3.qcow2", "", "8M");
}

static void
reads_qcow2_v2(void)
{
    reads_like_qemu("v2.qcow2", "-o compat=0.10", "8M");
}

static void
reads_small_and_large_clusters(void)
{
    reads_like_qemu("c512.qcow2", "-o cluster_size=512", "8M");
    reads_like_qemu("c4k.qcow2", "-o cluster_size=4096", "8M");
    reads_like_qemu("c2m.qcow2", "-o cluster_size=2M", "8M");
}

static void
reads_extended_l2_subclusters(void)
{
    reads_like_qemu("extl2.qcow2", "-o extended_l2=on,cluster_size=128k", "8M");
}

static void
reads_compressed_zlib_and_zstd(void)
{
    const char *types[] = { "zlib", "zstd" };

    for (int i = 0; i < 2; i++) {
        g_autofree char *src = path("pattern.raw");
        g_autofree char *img = g_strdup_printf("%s/comp-%s.qcow2", dir, types[i]);
        g_autofree char *ours = g_strconcat(img, ".ours", NULL);

        CU_ASSERT_EQUAL_FATAL(run(NULL, "%s create -q -f raw %s 4M", qemu_img, src), 0);
        CU_ASSERT_EQUAL_FATAL(run(NULL, "%s -f raw -c 'write -P 0x61 0 1M' "
                                  "-c 'write -P 0x62 2M 512k' %s", qemu_io, src), 0);
        CU_ASSERT_EQUAL_FATAL(run(NULL, "%s convert -c -O qcow2 -o compression_type=%s %s %s",
                                  qemu_img, types[i], src, img), 0);
        our_raw(img, ours);
        CU_ASSERT_EQUAL(run(NULL, "cmp -s %s %s", src, ours), 0);
    }
}

static void
reads_backing_chain_with_relative_name(void)
{
    g_autofree char *base = path("base.qcow2");
    g_autofree char *top = path("top.qcow2");
    g_autofree char *ref = path("top.ref");
    g_autofree char *ours = path("top.ours");

    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s create -q -f qcow2 %s 8M", qemu_img, base), 0);
    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s -c 'write -P 0x01 0 2M' %s", qemu_io, base), 0);
    /* Relative name: resolved against the top image's directory. */
    CU_ASSERT_EQUAL_FATAL(run(NULL, "sh -c 'cd %s && %s create -q -f qcow2 -b base.qcow2 "
                              "-F qcow2 top.qcow2'", dir, qemu_img), 0);
    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s -c 'write -P 0x02 1M 4k' %s", qemu_io, top), 0);
    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s convert -O raw %s %s", qemu_img, top, ref), 0);
    our_raw(top, ours);
    CU_ASSERT_EQUAL(run(NULL, "cmp -s %s %s", ref, ours), 0);
}

/* We write; qemu-img must find the result clean and identical. */
static void
writes_like_qemu(const char *name, const char *opts, bool compress)
{
    g_autofree char *src = path("w-src.raw");
    g_autofree char *out = path(name);
    g_autofree char *check = NULL;
    const char *o[] = { opts, NULL };

    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s create -q -f raw %s 9M", qemu_img, src), 0);
    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s -f raw -c 'write -P 0xc3 100k 300k' "
                              "-c 'write -P 0x7e 4M 1M' -c 'write -P 0x01 9215k 1k' %s",
                              qemu_io, src), 0);
    if (cv_image_convert(src, "raw", out, "qcow2", opts ? o : NULL, NULL, NULL,
                         compress ? CV_IMAGE_CONVERT_COMPRESS : 0) < 0)
        fprintf(stderr, "\n  convert to %s: %s\n", name, cv_error_last()->message);
    CU_ASSERT_PTR_NULL_FATAL(cv_error_last());
    CU_ASSERT_EQUAL(run(&check, "%s check %s", qemu_img, out), 0);
    if (check && !strstr(check, "No errors"))
        fprintf(stderr, "\n  qemu-img check %s:\n%s", name, check);
    CU_ASSERT_PTR_NOT_NULL(check && strstr(check, "No errors were found"));
    CU_ASSERT_PTR_NULL(check ? strstr(check, "leaked") : NULL);
    CU_ASSERT_EQUAL(run(NULL, "%s compare -q %s %s", qemu_img, src, out), 0);
}

static void
writes_plain_qcow2(void)
{
    writes_like_qemu("w-plain.qcow2", NULL, false);
    writes_like_qemu("w-v2.qcow2", "compat=0.10", false);
    writes_like_qemu("w-4k.qcow2", "cluster_size=4096", false);
}

static void
writes_compressed_qcow2(void)
{
    writes_like_qemu("w-zlib.qcow2", NULL, true);
    writes_like_qemu("w-zstd.qcow2", "compression_type=zstd", true);
}

static void
writes_through_api_with_backing_file(void)
{
    g_autofree char *base = path("api-base.raw");
    g_autofree char *top = path("api-top.qcow2");
    g_autofree char *ref = path("api-top.ref");
    g_autofree char *ours = path("api-top.ours");
    g_autofree char *bopt = g_strdup_printf("backing_file=%s", base);
    const char *opts[] = { bopt, "backing_fmt=raw", NULL };
    uint8_t data[3000];
    cv_image *img;

    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s create -q -f raw %s 2M", qemu_img, base), 0);
    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s -f raw -c 'write -P 0x44 0 2M' %s", qemu_io, base), 0);
    CU_ASSERT_EQUAL_FATAL(cv_image_create(top, "qcow2", 2 << 20, opts, 0), 0);
    img = cv_image_open(top, NULL, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(img);
    memset(data, 0x99, sizeof(data));
    /* A partial-cluster write: the rest of the cluster keeps the backing data. */
    CU_ASSERT_EQUAL(cv_image_write(img, 70000, data, sizeof(data), 0), 0);
    CU_ASSERT_EQUAL(cv_image_flush(img, 0), 0);
    cv_image_free(img);
    CU_ASSERT_EQUAL(run(NULL, "%s check -q %s", qemu_img, top), 0);
    CU_ASSERT_EQUAL(run(NULL, "%s convert -O raw %s %s", qemu_img, top, ref), 0);
    our_raw(top, ours);
    CU_ASSERT_EQUAL(run(NULL, "cmp -s %s %s", ref, ours), 0);
    CU_ASSERT_EQUAL(run(NULL, "%s -f raw -c 'write -P 0x99 70000 3000' %s", qemu_io, base), 0);
    CU_ASSERT_EQUAL(run(NULL, "%s compare -q %s %s", qemu_img, base, top), 0);
}

static void
compare_finds_the_first_difference(void)
{
    g_autofree char *a = path("cmp-a.raw");
    g_autofree char *b = path("cmp-b.qcow2");
    cv_image *ia, *ib;
    uint64_t diff = 0;

    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s create -q -f raw %s 1M", qemu_img, a), 0);
    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s create -q -f qcow2 %s 2M", qemu_img, b), 0);
    ia = cv_image_open(a, NULL, CV_IMAGE_OPEN_READONLY);
    ib = cv_image_open(b, NULL, CV_IMAGE_OPEN_READONLY);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ia && ib);
    /* Sizes differ but the tail reads zeros: identical, as qemu-img says. */
    CU_ASSERT_EQUAL(cv_image_compare(ia, ib, &diff, 0), 0);
    cv_image_free(ib);
    CU_ASSERT_EQUAL(run(NULL, "%s -c 'write -P 0x01 1536k 1' %s", qemu_io, b), 0);
    ib = cv_image_open(b, NULL, CV_IMAGE_OPEN_READONLY);
    CU_ASSERT_EQUAL(cv_image_compare(ia, ib, &diff, 0), 1);
    CU_ASSERT_EQUAL(diff, 1536 * 1024);
    cv_image_free(ia);
    cv_image_free(ib);
}

/* ---- hostile input ---- */

/* Makes a valid small qcow2 and patches @len bytes at @off with @bytes. */
static char *
patched(const char *name, uint64_t off, const void *bytes, size_t len)
{
    char *p = path(name);
    int fd;

    g_assert(run(NULL, "%s create -q -f qcow2 %s 1M", qemu_img, p) == 0);
    g_assert(run(NULL, "%s -c 'write -P 0x33 0 64k' %s", qemu_io, p) == 0);
    fd = open(p, O_WRONLY);
    g_assert(pwrite(fd, bytes, len, (off_t)off) == (ssize_t)len);
    close(fd);
    return p;
}

static void
refused(const char *file, int code, const char *needle)
{
    cv_image *img = cv_image_open(file, NULL, CV_IMAGE_OPEN_READONLY);
    const cv_error *err;
    uint8_t buf[65536];

    if (img) {
        /* Some damage only shows on reading. */
        int r = cv_image_read(img, 0, buf, sizeof(buf), 0);
        CU_ASSERT_EQUAL(r, -1);
        cv_image_free(img);
    }
    err = cv_error_last();
    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    if (err->code != code || !strstr(err->message, needle))
        fprintf(stderr, "\n  got %s: %s (wanted %s, '%s')\n", cv_error_code_name(err->code),
                err->message, cv_error_code_name(code), needle);
    CU_ASSERT_EQUAL(err->code, code);
    CU_ASSERT_PTR_NOT_NULL(strstr(err->message, needle));
}

static void
refuses_truncated_header(void)
{
    g_autofree char *p = path("trunc.qcow2");

    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s create -q -f qcow2 %s 1M", qemu_img, p), 0);
    CU_ASSERT_EQUAL(truncate(p, 40), 0);
    refused(p, CV_ERR_IMAGE_CORRUPT, "truncated");
}

static void
refuses_cluster_bits_out_of_range(void)
{
    uint8_t v[4] = { 0, 0, 0, 30 };
    g_autofree char *p = patched("cbits.qcow2", 20, v, 4);

    refused(p, CV_ERR_IMAGE_CORRUPT, "cluster_bits 30");
}

static void
refuses_l1_beyond_eof(void)
{
    uint8_t v[8] = { 0, 0, 0, 0x10, 0, 0, 0, 0 };   /* 64 GiB */
    g_autofree char *p = patched("l1eof.qcow2", 40, v, 8);

    refused(p, CV_ERR_IMAGE_CORRUPT, "L1 table");
}

static void
refuses_absurd_l1_size(void)
{
    uint8_t v[4] = { 0x7f, 0xff, 0xff, 0xff };
    g_autofree char *p = patched("l1size.qcow2", 36, v, 4);

    refused(p, CV_ERR_IMAGE_CORRUPT, "absurdly large");
}

static void
refuses_refcount_table_beyond_eof(void)
{
    uint8_t v[8] = { 0, 0, 0, 0x10, 0, 0, 0, 0 };
    g_autofree char *p = patched("rteof.qcow2", 48, v, 8);

    refused(p, CV_ERR_IMAGE_CORRUPT, "refcount table");
}

static void
refuses_l2_offset_beyond_eof(void)
{
    /* The first L1 entry of a 64k-cluster image lives at its L1 offset,
     * 0x30000 for images qemu-img makes this size. */
    uint8_t v[8] = { 0x80, 0, 0, 0x10, 0, 0, 0, 0 };
    g_autofree char *p = patched("l2eof.qcow2", 0x30000, v, 8);

    refused(p, CV_ERR_IMAGE_CORRUPT, "L2 table");
}

static void
refuses_overlong_backing_name(void)
{
    uint8_t v[12] = { 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0x10, 0 };   /* off 512, len 4096 */
    g_autofree char *p = patched("backlen.qcow2", 8, v, 12);

    refused(p, CV_ERR_IMAGE_CORRUPT, "backing file name of 4096 bytes");
}

static void
refuses_backing_loop(void)
{
    g_autofree char *p = path("loop.qcow2");

    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s create -q -f qcow2 -u -b loop.qcow2 -F qcow2 %s 1M",
                              qemu_img, p), 0);
    refused(p, CV_ERR_IMAGE_CORRUPT, "loops");
}

static void
refuses_unknown_incompatible_feature(void)
{
    uint8_t v[8] = { 0, 0, 0, 0, 0, 0, 0x01, 0 };   /* bit 8 */
    g_autofree char *p = patched("incompat.qcow2", 72, v, 8);

    refused(p, CV_ERR_IMAGE_FORMAT, "unknown incompatible features");
}

static void
refuses_bad_compressed_cluster(void)
{
    g_autofree char *src = path("zsrc.raw");
    g_autofree char *img = path("zbad.qcow2");
    uint8_t junk[512];
    int fd;

    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s create -q -f raw %s 64k", qemu_img, src), 0);
    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s -f raw -c 'write -P 0x61 0 64k' %s", qemu_io, src), 0);
    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s convert -c -O qcow2 %s %s", qemu_img, src, img), 0);
    /* The compressed stream is the file's last sector: overwrite its start
     * with noise. */
    memset(junk, 0xff, sizeof(junk));
    fd = open(img, O_WRONLY);
    CU_ASSERT(pwrite(fd, junk, 64, lseek(fd, 0, SEEK_END) - 512) == 64);
    close(fd);
    refused(img, CV_ERR_IMAGE_CORRUPT, "does not inflate");
}

static void
raw_is_never_probed_as_qcow2_by_accident(void)
{
    g_autofree char *p = path("looks-raw.img");
    cv_image *img;

    CU_ASSERT_EQUAL_FATAL(run(NULL, "%s create -q -f raw %s 1M", qemu_img, p), 0);
    img = cv_image_open(p, NULL, CV_IMAGE_OPEN_READONLY);
    CU_ASSERT_PTR_NOT_NULL_FATAL(img);
    CU_ASSERT_STRING_EQUAL(cv_image_get_format(img), "raw");
    cv_image_free(img);
}

static CU_TestInfo read_tests[] = {
    CU_CASE(reads_qcow2_v3_default),
    CU_CASE(reads_qcow2_v2),
    CU_CASE(reads_small_and_large_clusters),
    CU_CASE(reads_extended_l2_subclusters),
    CU_CASE(reads_compressed_zlib_and_zstd),
    CU_CASE(reads_backing_chain_with_relative_name),
    CU_CASE(raw_is_never_probed_as_qcow2_by_accident),
    CU_TEST_INFO_NULL,
};

static CU_TestInfo write_tests[] = {
    CU_CASE(writes_plain_qcow2),
    CU_CASE(writes_compressed_qcow2),
    CU_CASE(writes_through_api_with_backing_file),
    CU_CASE(compare_finds_the_first_difference),
    CU_TEST_INFO_NULL,
};

static CU_TestInfo hostile_tests[] = {
    CU_CASE(refuses_truncated_header),
    CU_CASE(refuses_cluster_bits_out_of_range),
    CU_CASE(refuses_l1_beyond_eof),
    CU_CASE(refuses_absurd_l1_size),
    CU_CASE(refuses_refcount_table_beyond_eof),
    CU_CASE(refuses_l2_offset_beyond_eof),
    CU_CASE(refuses_overlong_backing_name),
    CU_CASE(refuses_backing_loop),
    CU_CASE(refuses_unknown_incompatible_feature),
    CU_CASE(refuses_bad_compressed_cluster),
    CU_TEST_INFO_NULL,
};

static const cu_suite cu_suites[] = {
    { "qcow2-read-interop", suite_init, suite_clean, read_tests },
    { "qcow2-write-interop", suite_init, suite_clean, write_tests },
    { "qcow2-hostile", suite_init, suite_clean, hostile_tests },
    CU_SUITE_END,
};

CU_MAIN()
