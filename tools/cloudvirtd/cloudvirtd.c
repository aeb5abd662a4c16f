/*
 * cloudvirtd: the far side of the remote protocol. `cloudvirtd --stdio URI`
 * serves one client on stdin/stdout (normally an SSH channel), opening the
 * local driver for URI, and exits when the client goes away.
 */
#include <config.h>

#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "core/uri.h"
#include "rpc/server.h"

static int
usage(FILE *out, int status)
{
    fprintf(out,
            "Usage: cloudvirtd --stdio URI\n"
            "Serves one cloudvirt remote client on standard input and output,\n"
            "on the local connection URI (e.g. test:///default, kvm:///system).\n"
            "Normally started by the remote driver over SSH, not by hand.\n");
    return status;
}

int
main(int argc, char **argv)
{
    g_autoptr(cv_uri) uri = NULL;
    int out, devnull;

    if (argc == 2 && (g_str_equal(argv[1], "--help") || g_str_equal(argv[1], "-h")))
        return usage(stdout, 0);
    if (argc != 3 || !g_str_equal(argv[1], "--stdio"))
        return usage(stderr, 2);
    uri = cv_uri_parse(argv[2]);
    if (!uri) {
        fprintf(stderr, "cloudvirtd: %s\n", cv_error_last()->message);
        return 2;
    }
    /* Relaying to yet another host would let a client use this host's SSH
     * identity: only local drivers are served. */
    if (uri->transport) {
        fprintf(stderr, "cloudvirtd: refusing '%s': serves local URIs only\n", argv[2]);
        return 2;
    }
    /* Every upload frame is a fresh buffer of up to a few hundred KiB;
     * keep those on the heap rather than paying mmap, page faults and
     * munmap for each one (glibc's default threshold is 128 KiB). */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    /* A client that vanishes must end in EOF or EPIPE, not a signal. */
    signal(SIGPIPE, SIG_IGN);
    /* The protocol owns the real stdout; anything else that writes to fd 1
     * (a library, by mistake) must not corrupt the frames. */
    out = dup(STDOUT_FILENO);
    devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (out < 0 || devnull < 0 || dup2(devnull, STDOUT_FILENO) < 0) {
        perror("cloudvirtd: setting up stdout");
        return 1;
    }
    close(devnull);
    return cv_rpc_server_run(STDIN_FILENO, out, argv[2]);
}
