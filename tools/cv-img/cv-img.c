/*
 * cv-img: qemu-img's commands and option letters over cloudvirt's image
 * API, so scripts written for qemu-img run unchanged.
 *
 *   cv-img info [-f FMT] [--output json] [--backing-chain] FILE
 *   cv-img create [-f FMT] [-o OPTS] [-b BACKING] [-F BACKING_FMT] FILE SIZE
 *   cv-img convert [-f FMT] [-O FMT] [-o OPTS] [-c] [-p] FILE OUTPUT
 *   cv-img compare [-f FMT] [-F FMT] FILE1 FILE2
 *   cv-img map [-f FMT] [--output json] FILE
 *
 * Exit codes follow qemu-img: 0 success, 1 error; compare: 0 identical,
 * 1 different, 2 error.
 */
#include <config.h>

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>
#include <cloudvirt/cloudvirt.h>

static int
fail(const char *what)
{
    const cv_error *err = cv_error_last();

    fprintf(stderr, "cv-img: %s%s%s\n", what ? what : "", what && err ? ": " : "",
            err ? err->message : "");
    return 1;
}

static int
usage_error(const char *msg)
{
    fprintf(stderr, "cv-img: %s (cv-img --help shows usage)\n", msg);
    return 1;
}

/* qemu-img's size suffixes: k, M, G, T (powers of 1024), bare = bytes. */
static int
parse_size(const char *text, uint64_t *out)
{
    char *end;
    uint64_t v = g_ascii_strtoull(text, &end, 10);
    int shift = 0;

    if (end == text)
        return -1;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': shift = 10; break;
    case 'M': case 'm': shift = 20; break;
    case 'G': case 'g': shift = 30; break;
    case 'T': case 't': shift = 40; break;
    default: return -1;
    }
    if (*end && end[1] && !(end[1] == 'B' && !end[2]))
        return -1;
    if (shift && v > (G_MAXUINT64 >> shift))
        return -1;
    *out = v << shift;
    return 0;
}

/* Splits "-o a=1,b=2" (repeatable) into a NULL-terminated vector. */
static void
add_options(GPtrArray *opts, const char *arg)
{
    g_auto(GStrv) parts = g_strsplit(arg, ",", -1);

    for (char **p = parts; *p; p++)
        if (**p)
            g_ptr_array_add(opts, g_strdup(*p));
}

static const char *
fmt_name(const char *f)
{
    /* qemu calls VHD "vpc"; we accept both. */
    return f && g_str_equal(f, "vpc") ? "vhd" : f;
}

static int
cmd_info(int argc, char **argv)
{
    const char *fmt = NULL;
    bool json = false;
    int c;
    static const struct option lo[] = {
        { "output", required_argument, NULL, 'j' },
        { "backing-chain", no_argument, NULL, 'B' },
        { "format", required_argument, NULL, 'f' },
        { NULL, 0, NULL, 0 },
    };
    cv_image *img;
    g_autofree char *info = NULL;

    while ((c = getopt_long(argc, argv, "f:U", lo, NULL)) != -1) {
        if (c == 'f')
            fmt = optarg;
        else if (c == 'j')
            json = g_str_equal(optarg, "json");
        else if (c == 'B' || c == 'U')
            ;   /* the chain is always shown; -U: we never lock images */
        else
            return usage_error("bad option for info");
    }
    if (optind != argc - 1)
        return usage_error("info needs exactly one FILE");
    if (!(img = cv_image_open(argv[optind], fmt_name(fmt), CV_IMAGE_OPEN_READONLY)))
        return fail(NULL);
    info = cv_image_get_info_json(img, 0);
    cv_image_free(img);
    if (!info)
        return fail("info");
    if (json) {
        printf("%s\n", info);
        return 0;
    }
    {
        g_autoptr(JsonParser) p = json_parser_new();
        JsonObject *o;
        if (!json_parser_load_from_data(p, info, -1, NULL))
            return fail("info");
        o = json_node_get_object(json_parser_get_root(p));
        printf("image: %s\n", json_object_get_string_member(o, "filename"));
        printf("file format: %s\n", json_object_get_string_member(o, "format"));
        printf("virtual size: %" G_GINT64_FORMAT " bytes\n",
               json_object_get_int_member(o, "virtual-size"));
        if (json_object_has_member(o, "actual-size"))
            printf("disk size: %" G_GINT64_FORMAT " bytes\n",
                   json_object_get_int_member(o, "actual-size"));
        if (json_object_has_member(o, "cluster-size"))
            printf("cluster_size: %" G_GINT64_FORMAT "\n",
                   json_object_get_int_member(o, "cluster-size"));
        if (json_object_has_member(o, "backing-filename"))
            printf("backing file: %s\n", json_object_get_string_member(o, "backing-filename"));
    }
    return 0;
}

static int
cmd_create(int argc, char **argv)
{
    g_autoptr(GPtrArray) opts = g_ptr_array_new_with_free_func(g_free);
    const char *fmt = "raw";
    uint64_t size = 0;
    int c;

    while ((c = getopt(argc, argv, "f:o:b:F:q")) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'o': add_options(opts, optarg); break;
        case 'b': g_ptr_array_add(opts, g_strdup_printf("backing_file=%s", optarg)); break;
        case 'F': g_ptr_array_add(opts, g_strdup_printf("backing_fmt=%s", optarg)); break;
        case 'q': break;
        default: return usage_error("bad option for create");
        }
    }
    if (optind >= argc || argc - optind > 2)
        return usage_error("create needs FILE [SIZE]");
    if (argc - optind == 2 && parse_size(argv[optind + 1], &size) < 0)
        return usage_error("SIZE must be a number with an optional k, M, G or T suffix");
    if (argc - optind == 1) {
        /* Like qemu-img: the size may come from the backing file. */
        const char *bf = NULL;
        for (guint i = 0; i < opts->len; i++)
            if (g_str_has_prefix(g_ptr_array_index(opts, i), "backing_file="))
                bf = (const char *)g_ptr_array_index(opts, i) + strlen("backing_file=");
        if (!bf)
            return usage_error("create needs a SIZE when there is no backing file");
        {
            g_autofree char *dir = g_path_get_dirname(argv[optind]);
            g_autofree char *full = g_path_is_absolute(bf) ? g_strdup(bf)
                                                           : g_build_filename(dir, bf, NULL);
            cv_image *b = cv_image_open(full, NULL, CV_IMAGE_OPEN_READONLY);
            if (!b)
                return fail("opening the backing file");
            cv_image_get_size(b, &size);
            cv_image_free(b);
        }
    }
    g_ptr_array_add(opts, NULL);
    if (cv_image_create(argv[optind], fmt_name(fmt), size,
                        (const char *const *)opts->pdata, 0) < 0)
        return fail("create");
    printf("Formatting '%s', fmt=%s size=%" G_GUINT64_FORMAT "\n", argv[optind], fmt, size);
    return 0;
}

static int
show_progress(uint64_t done, uint64_t total, void *opaque)
{
    fprintf(stderr, "\r    (%.2f/100%%)", total ? 100.0 * (double)done / (double)total : 100.0);
    if (done == total)
        fprintf(stderr, "\n");
    return 0;
}

static int
cmd_convert(int argc, char **argv)
{
    g_autoptr(GPtrArray) opts = g_ptr_array_new_with_free_func(g_free);
    const char *in_fmt = NULL, *out_fmt = "raw";
    bool compress = false, progress = false;
    int c;

    while ((c = getopt(argc, argv, "f:O:o:cpS:qW")) != -1) {
        switch (c) {
        case 'f': in_fmt = optarg; break;
        case 'O': out_fmt = optarg; break;
        case 'o': add_options(opts, optarg); break;
        case 'c': compress = true; break;
        case 'p': progress = true; break;
        case 'S': break;   /* zero detection is always on, at cluster granularity */
        case 'q': case 'W': break;
        default: return usage_error("bad option for convert");
        }
    }
    if (argc - optind != 2)
        return usage_error("convert needs exactly one input and one output (several "
                           "inputs are not supported)");
    g_ptr_array_add(opts, NULL);
    if (cv_image_convert(argv[optind], fmt_name(in_fmt), argv[optind + 1], fmt_name(out_fmt),
                         (const char *const *)opts->pdata, progress ? show_progress : NULL,
                         NULL, compress ? CV_IMAGE_CONVERT_COMPRESS : 0) < 0)
        return fail("convert");
    return 0;
}

static int
cmd_compare(int argc, char **argv)
{
    const char *fa = NULL, *fb = NULL;
    cv_image *a, *b;
    uint64_t diff = 0;
    int c, r;

    while ((c = getopt(argc, argv, "f:F:pqs")) != -1) {
        switch (c) {
        case 'f': fa = optarg; break;
        case 'F': fb = optarg; break;
        case 'p': case 'q': case 's': break;
        default: usage_error("bad option for compare"); return 2;
        }
    }
    if (argc - optind != 2) {
        usage_error("compare needs two files");
        return 2;
    }
    if (!(a = cv_image_open(argv[optind], fmt_name(fa), CV_IMAGE_OPEN_READONLY))) {
        fail(NULL);
        return 2;
    }
    if (!(b = cv_image_open(argv[optind + 1], fmt_name(fb ? fb : fa), CV_IMAGE_OPEN_READONLY))) {
        cv_image_free(a);
        fail(NULL);
        return 2;
    }
    r = cv_image_compare(a, b, &diff, 0);
    cv_image_free(a);
    cv_image_free(b);
    if (r < 0) {
        fail("compare");
        return 2;
    }
    if (r == 0)
        printf("Images are identical.\n");
    else
        printf("Content mismatch at offset %" G_GUINT64_FORMAT "!\n", diff);
    return r;
}

static int
cmd_map(int argc, char **argv)
{
    const char *fmt = NULL;
    static const struct option lo[] = {
        { "output", required_argument, NULL, 'j' },
        { NULL, 0, NULL, 0 },
    };
    g_autofree char *map = NULL;
    cv_image *img;
    int c;

    while ((c = getopt_long(argc, argv, "f:", lo, NULL)) != -1) {
        if (c == 'f')
            fmt = optarg;
        else if (c != 'j')
            return usage_error("bad option for map");
    }
    if (optind != argc - 1)
        return usage_error("map needs exactly one FILE");
    if (!(img = cv_image_open(argv[optind], fmt_name(fmt), CV_IMAGE_OPEN_READONLY)))
        return fail(NULL);
    map = cv_image_map_json(img, 0);
    cv_image_free(img);
    if (!map)
        return fail("map");
    printf("%s\n", map);
    return 0;
}

int
main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } cmds[] = {
        { "info", cmd_info }, { "create", cmd_create }, { "convert", cmd_convert },
        { "compare", cmd_compare }, { "map", cmd_map },
    };

    if (argc < 2 || g_str_equal(argv[1], "--help") || g_str_equal(argv[1], "-h")) {
        printf("usage: cv-img COMMAND [OPTIONS] ...\n"
               "  info [-f FMT] [--output json] FILE\n"
               "  create [-f FMT] [-o OPTS] [-b BACKING [-F FMT]] FILE [SIZE]\n"
               "  convert [-f FMT] [-O FMT] [-o OPTS] [-c] [-p] FILE OUTPUT\n"
               "  compare [-f FMT] [-F FMT] FILE1 FILE2\n"
               "  map [-f FMT] [--output json] FILE\n"
               "formats: raw, qcow2\n");
        return argc < 2 ? 1 : 0;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(cmds); i++)
        if (g_str_equal(argv[1], cmds[i].name))
            return cmds[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "cv-img: unknown command '%s' (check and resize are not "
            "implemented yet; cv-img --help lists the others)\n", argv[1]);
    return 1;
}
