/*
 * cvsh main: global options, one command or a batch, help.
 *
 *   cvsh [-c URI] [-r] [--output json|text] [--debug] COMMAND [ARGS...]
 *   cvsh [-c URI] [-f FILE | < FILE]         one command per line
 */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

#include "cvsh.h"

extern bool cvsh_debug_errors;

static const cvsh_cmd *const groups[] = {
    cvsh_domain_cmds, cvsh_snapshot_cmds, cvsh_network_cmds, cvsh_storage_cmds,
    cvsh_host_cmds,
};

static const cvsh_cmd *
find_cmd(const char *name)
{
    for (size_t g = 0; g < G_N_ELEMENTS(groups); g++)
        for (const cvsh_cmd *c = groups[g]; c->name; c++)
            if (g_str_equal(c->name, name))
                return c;
    return NULL;
}

static void
print_usage(FILE *out)
{
    fprintf(out,
            "usage: cvsh [-c URI] [-r] [--output json|text] [--debug] COMMAND [ARGS...]\n"
            "       cvsh [-c URI] [-f FILE] [--keep-going]   (or commands on standard input)\n"
            "\n"
            "  -c, --connect URI   connection URI (default $CLOUDVIRT_DEFAULT_URI or\n"
            "                      test:///default)\n"
            "  -r, --readonly      open the connection read-only\n"
            "  --output FORMAT     'json' for listings and info, 'text' (default)\n"
            "  -f, --file FILE     run the commands in FILE, one per line\n"
            "  --keep-going        in a batch, go on after a failing command\n"
            "  --debug             add error codes to error messages\n"
            "\n"
            "'cvsh help' lists the commands, 'cvsh help COMMAND' describes one.\n");
}

static int
cmd_help(const char *topic)
{
    const char *last_group = NULL;

    if (topic) {
        const cvsh_cmd *c = find_cmd(topic);
        if (!c)
            return cvsh_fail("unknown command '%s' (cvsh help lists them)", topic);
        printf("  NAME\n    %s - %s\n\n  SYNOPSIS\n    %s %s\n", c->name, c->help,
               c->name, c->usage);
        if ((c->flags && c->flags[0]) || (c->values && c->values[0])) {
            printf("\n  OPTIONS\n");
            for (const char *const *f = c->flags; f && *f; f++)
                printf("    %s\n", *f);
            for (const char *const *v = c->values; v && *v; v++)
                printf("    %s VALUE\n", *v);
        }
        printf("\n");
        return 0;
    }
    for (size_t g = 0; g < G_N_ELEMENTS(groups); g++)
        for (const cvsh_cmd *c = groups[g]; c->name; c++) {
            if (!last_group || !g_str_equal(last_group, c->group)) {
                printf("%s %s commands:\n", last_group ? "\n" : "", c->group);
                last_group = c->group;
            }
            printf("    %-20s %s\n", c->name, c->help);
        }
    printf("\n    %-20s %s\n", "help [COMMAND]", "list commands, or describe one");
    return 0;
}

static int
run_command(cvsh_ctx *ctx, int argc, char **argv)
{
    const cvsh_cmd *cmd;
    cvsh_args args = { 0 };
    bool saved_json = ctx->json;
    g_autoptr(GPtrArray) kept = g_ptr_array_new();
    int ret;

    /* --output applies to any one command, also inside a batch. */
    for (int i = 0; i < argc; i++) {
        if (g_str_equal(argv[i], "--output") && i + 1 < argc) {
            if (!g_str_equal(argv[i + 1], "json") && !g_str_equal(argv[i + 1], "text"))
                return cvsh_fail("--output must be 'json' or 'text', not '%s'", argv[i + 1]);
            ctx->json = g_str_equal(argv[++i], "json");
        } else {
            g_ptr_array_add(kept, argv[i]);
        }
    }
    g_ptr_array_add(kept, NULL);
    argc = (int)kept->len - 1;
    argv = (char **)kept->pdata;

    if (argc == 0)
        return cvsh_fail("no command given");
    if (g_str_equal(argv[0], "help"))
        return argc > 2 ? cvsh_fail("usage: help [COMMAND]") : cmd_help(argv[1]);
    if (!(cmd = find_cmd(argv[0])))
        return cvsh_fail("unknown command '%s' (cvsh help lists them)", argv[0]);
    if (cvsh_args_parse(cmd, argc - 1, argv + 1, &args) < 0) {
        cvsh_args_clear(&args);
        ctx->json = saved_json;
        return -1;
    }
    ret = cmd->run(ctx, cmd, &args);
    cvsh_args_clear(&args);
    fflush(stdout);
    ctx->json = saved_json;
    return ret;
}

static int
run_batch(cvsh_ctx *ctx, FILE *in, const char *name, bool keep_going)
{
    char line[65536];
    int lineno = 0, failures = 0;

    while (fgets(line, sizeof(line), in)) {
        g_auto(GStrv) argv = NULL;
        g_autoptr(GError) gerr = NULL;
        int argc;
        char *text = g_strstrip(line);

        lineno++;
        if (!*text || *text == '#')
            continue;
        if (!g_shell_parse_argv(text, &argc, &argv, &gerr)) {
            cvsh_fail("%s:%d: %s", name, lineno, gerr->message);
            failures++;
        } else if (run_command(ctx, argc, argv) < 0) {
            fprintf(stderr, "error: %s:%d: command '%s' failed\n", name, lineno, argv[0]);
            failures++;
        } else {
            continue;
        }
        if (!keep_going)
            return -1;
    }
    return failures ? -1 : 0;
}

int
main(int argc, char **argv)
{
    cvsh_ctx ctx = { 0 };
    const char *file = NULL;
    bool keep_going = false;
    GPtrArray *rest = g_ptr_array_new();
    int i, ret;

    ctx.uri = g_strdup(g_getenv("CLOUDVIRT_DEFAULT_URI"));
    /* Global options may come before or after the command, as virsh users
     * write `cvsh list --output json`. */
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if ((g_str_equal(a, "-c") || g_str_equal(a, "--connect")) && i + 1 < argc && !rest->len) {
            g_free(ctx.uri);
            ctx.uri = g_strdup(argv[++i]);
        } else if ((g_str_equal(a, "-r") || g_str_equal(a, "--readonly")) && !rest->len) {
            ctx.open_flags |= CV_CONNECT_RO;
        } else if (g_str_equal(a, "--output") && i + 1 < argc) {
            const char *fmt = argv[++i];
            if (!g_str_equal(fmt, "json") && !g_str_equal(fmt, "text"))
                return cvsh_fail("--output must be 'json' or 'text', not '%s'", fmt) ? 1 : 1;
            ctx.json = g_str_equal(fmt, "json");
        } else if (g_str_has_prefix(a, "--output=")) {
            ctx.json = g_str_equal(a + 9, "json");
        } else if (g_str_equal(a, "--debug")) {
            ctx.debug = cvsh_debug_errors = true;
        } else if ((g_str_equal(a, "-f") || g_str_equal(a, "--file")) && i + 1 < argc &&
                   !rest->len) {
            file = argv[++i];
        } else if (g_str_equal(a, "--keep-going") && !rest->len) {
            keep_going = true;
        } else if ((g_str_equal(a, "-h") || g_str_equal(a, "--help")) && !rest->len) {
            print_usage(stdout);
            return 0;
        } else if ((g_str_equal(a, "-v") || g_str_equal(a, "--version")) && !rest->len) {
            printf("%s\n", cv_version_string());
            return 0;
        } else if (a[0] == '-' && !rest->len) {
            cvsh_fail("unknown option '%s' (cvsh --help lists them)", a);
            return 1;
        } else {
            g_ptr_array_add(rest, argv[i]);
        }
    }
    g_ptr_array_add(rest, NULL);

    if (rest->len > 1) {
        ret = run_command(&ctx, (int)rest->len - 1, (char **)rest->pdata);
    } else if (file) {
        FILE *in = fopen(file, "r");
        if (!in) {
            cvsh_fail("cannot open '%s': %s", file, g_strerror(errno));
            return 1;
        }
        ret = run_batch(&ctx, in, file, keep_going);
        fclose(in);
    } else if (!isatty(STDIN_FILENO)) {
        ret = run_batch(&ctx, stdin, "<stdin>", keep_going);
    } else {
        print_usage(stderr);
        ret = -1;
    }
    cv_connect_close(ctx.conn);
    g_free(ctx.uri);
    g_ptr_array_free(rest, TRUE);
    return ret < 0 ? 1 : 0;
}
