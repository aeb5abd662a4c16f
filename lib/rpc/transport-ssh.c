/*
 * The SSH transport: a libssh2 session to the remote host, the host key
 * checked against known_hosts, a login, and `cloudvirtd --stdio URI` run on
 * a channel. The client side sees one end of a socketpair; a pump thread
 * owns the libssh2 session (which is not safe to share between threads)
 * and moves bytes between the other end and the channel.
 *
 * Shutdown never waits for the peer: the peer may be dead or stopped, and
 * a close must not hang. Closing our end of the socketpair ends the pump.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gio/gio.h>
#include <libssh2.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "core/error.h"
#include "rpc/transport.h"

#define PUMP_BUF (512u << 10)

struct cv_rpc_ssh {
    GSocketConnection *tcp;
    int sock;                   /* the TCP socket (owned by tcp) */
    LIBSSH2_SESSION *session;
    LIBSSH2_CHANNEL *channel;
    int client_fd;              /* given to the RPC client */
    int pump_fd;                /* the pump's end */
    GThread *pump;
    GMutex lock;
    char *failure;              /* why the pump stopped */
    const cv_rpc_auth *auth;    /* only during open */
    const char *user;
};

static gpointer
ssh_global_init(gpointer unused)
{
    libssh2_init(0);
    return NULL;
}

static char *
ssh_last_error(LIBSSH2_SESSION *session)
{
    char *msg = NULL;

    libssh2_session_last_error(session, &msg, NULL, 0);
    return g_strdup(msg && *msg ? msg : "unknown libssh2 error");
}

static const char *
hostkey_type_name(int type)
{
    switch (type) {
    case LIBSSH2_HOSTKEY_TYPE_RSA: return "ssh-rsa";
    case LIBSSH2_HOSTKEY_TYPE_DSS: return "ssh-dss";
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: return "ecdsa-sha2-nistp256";
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: return "ecdsa-sha2-nistp384";
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: return "ecdsa-sha2-nistp521";
#ifdef LIBSSH2_HOSTKEY_TYPE_ED25519
    case LIBSSH2_HOSTKEY_TYPE_ED25519: return "ssh-ed25519";
#endif
    default: return "unknown";
    }
}

static int
hostkey_knownhost_mask(int type)
{
    switch (type) {
    case LIBSSH2_HOSTKEY_TYPE_RSA: return LIBSSH2_KNOWNHOST_KEY_SSHRSA;
    case LIBSSH2_HOSTKEY_TYPE_DSS: return LIBSSH2_KNOWNHOST_KEY_SSHDSS;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: return LIBSSH2_KNOWNHOST_KEY_ECDSA_256;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: return LIBSSH2_KNOWNHOST_KEY_ECDSA_384;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: return LIBSSH2_KNOWNHOST_KEY_ECDSA_521;
#ifdef LIBSSH2_HOSTKEY_TYPE_ED25519
    case LIBSSH2_HOSTKEY_TYPE_ED25519: return LIBSSH2_KNOWNHOST_KEY_ED25519;
#endif
    default: return LIBSSH2_KNOWNHOST_KEY_UNKNOWN;
    }
}

/* "SHA256:..." as OpenSSH prints it (base64 without padding). */
static char *
hostkey_fingerprint(LIBSSH2_SESSION *session)
{
    const char *hash = libssh2_hostkey_hash(session, LIBSSH2_HOSTKEY_HASH_SHA256);
    g_autofree char *b64 = NULL;
    char *eq;

    if (!hash)
        return g_strdup("(fingerprint unavailable)");
    b64 = g_base64_encode((const guchar *)hash, 32);
    if ((eq = strchr(b64, '=')))
        *eq = '\0';
    return g_strdup_printf("SHA256:%s", b64);
}

static char *
default_known_hosts(void)
{
    return g_build_filename(g_get_home_dir(), ".ssh", "known_hosts", NULL);
}

static int
ssh_check_host_key(cv_rpc_ssh *t, const cv_uri *uri, int port)
{
    const char *kh_param = cv_uri_get_param(uri, "known_hosts");
    const char *no_verify = cv_uri_get_param(uri, "no_verify");
    g_autofree char *kh_path = kh_param ? g_strdup(kh_param) : default_known_hosts();
    g_autofree char *fp = NULL;
    g_autofree char *hostspec = NULL;
    LIBSSH2_KNOWNHOSTS *kh;
    const char *key;
    size_t keylen;
    int type, r;

    key = libssh2_session_hostkey(t->session, &keylen, &type);
    if (!key) {
        g_autofree char *msg = ssh_last_error(t->session);
        return cv_error_set(CV_ERR_HOST_KEY, CV_FROM_SSH,
                            "host %s sent no usable host key: %s", uri->host, msg);
    }
    if (no_verify && g_str_equal(no_verify, "1"))
        return 0;

    fp = hostkey_fingerprint(t->session);
    hostspec = port == 22 ? g_strdup(uri->host)
                          : g_strdup_printf("[%s]:%d", uri->host, port);
    kh = libssh2_knownhost_init(t->session);
    if (!kh)
        return cv_error_set(CV_ERR_NO_MEMORY, CV_FROM_SSH, "libssh2_knownhost_init failed");
    /* A missing or unreadable file is the same as one without this host:
     * the error below tells how to add it. */
    if (g_file_test(kh_path, G_FILE_TEST_EXISTS) &&
        libssh2_knownhost_readfile(kh, kh_path, LIBSSH2_KNOWNHOST_FILE_OPENSSH) < 0) {
        g_autofree char *msg = ssh_last_error(t->session);
        libssh2_knownhost_free(kh);
        return cv_error_set(CV_ERR_HOST_KEY, CV_FROM_SSH,
                            "cannot read known hosts file '%s': %s", kh_path, msg);
    }
    r = libssh2_knownhost_checkp(kh, uri->host, port, key, keylen,
                                 LIBSSH2_KNOWNHOST_TYPE_PLAIN |
                                 LIBSSH2_KNOWNHOST_KEYENC_RAW |
                                 hostkey_knownhost_mask(type), NULL);
    libssh2_knownhost_free(kh);
    switch (r) {
    case LIBSSH2_KNOWNHOST_CHECK_MATCH:
        return 0;
    case LIBSSH2_KNOWNHOST_CHECK_MISMATCH:
        return cv_error_set(CV_ERR_HOST_KEY, CV_FROM_SSH,
                            "the %s host key of %s has CHANGED: it is now %s, which "
                            "does not match '%s'. Someone may be intercepting the "
                            "connection. If the host was really reinstalled, remove "
                            "the old key with: ssh-keygen -R '%s' -f '%s'",
                            hostkey_type_name(type), hostspec, fp, kh_path,
                            hostspec, kh_path);
    case LIBSSH2_KNOWNHOST_CHECK_NOTFOUND:
        return cv_error_set(CV_ERR_HOST_KEY, CV_FROM_SSH,
                            "the %s host key of %s (%s) is not in '%s'. If that "
                            "fingerprint is the host's, accept it with: "
                            "ssh-keyscan -p %d -t %s %s >> '%s' (or add "
                            "known_hosts=FILE to the URI; no_verify=1 skips the "
                            "check and is unsafe)",
                            hostkey_type_name(type), hostspec, fp, kh_path, port,
                            hostkey_type_name(type), uri->host, kh_path);
    default:
        return cv_error_set(CV_ERR_HOST_KEY, CV_FROM_SSH,
                            "cannot check the host key of %s (%s) against '%s'",
                            hostspec, fp, kh_path);
    }
}

/* Asks the program's callback; the answer is g_malloc'd (or NULL). */
static char *
ask(const cv_rpc_auth *auth, int type, const char *prompt)
{
    char *ans, *copy;

    if (!auth || !auth->cb)
        return NULL;
    ans = auth->cb(type, prompt, auth->opaque);
    if (!ans)
        return NULL;
    copy = g_strdup(ans);
    memset(ans, 0, strlen(ans));
    free(ans);
    return copy;
}

static void
wipe_free(char *s)
{
    if (s) {
        memset(s, 0, strlen(s));
        g_free(s);
    }
}

static cv_rpc_ssh *kbd_current;   /* libssh2's kbd callback has no user data
                                   * pointer of ours; guarded by kbd_lock */
static GMutex kbd_lock;

static void
kbd_callback(const char *name, int name_len, const char *instruction,
             int instruction_len, int num_prompts,
             const LIBSSH2_USERAUTH_KBDINT_PROMPT *prompts,
             LIBSSH2_USERAUTH_KBDINT_RESPONSE *responses, void **abstract)
{
    for (int i = 0; i < num_prompts; i++) {
        g_autofree char *text = g_strndup((const char *)prompts[i].text,
                                          prompts[i].length);
        char *ans = ask(kbd_current->auth,
                        prompts[i].echo ? CV_CRED_PROMPT_ECHO : CV_CRED_PROMPT_NOECHO,
                        text);

        /* libssh2 frees responses with its allocator, which is malloc. */
        responses[i].text = ans ? strdup(ans) : NULL;
        responses[i].length = ans ? strlen(ans) : 0;
        wipe_free(ans);
    }
}

static gboolean
auth_agent(cv_rpc_ssh *t)
{
    LIBSSH2_AGENT *agent;
    struct libssh2_agent_publickey *id = NULL, *prev = NULL;
    gboolean ok = FALSE;

    if (!g_getenv("SSH_AUTH_SOCK"))
        return FALSE;
    agent = libssh2_agent_init(t->session);
    if (!agent)
        return FALSE;
    if (libssh2_agent_connect(agent) == 0 && libssh2_agent_list_identities(agent) == 0) {
        while (libssh2_agent_get_identity(agent, &id, prev) == 0) {
            if (libssh2_agent_userauth(agent, t->user, id) == 0) {
                ok = TRUE;
                break;
            }
            prev = id;
        }
        libssh2_agent_disconnect(agent);
    }
    libssh2_agent_free(agent);
    return ok;
}

static gboolean
auth_keyfile(cv_rpc_ssh *t, const char *keyfile, GString *why)
{
    g_autofree char *pub = g_strdup_printf("%s.pub", keyfile);
    const char *pubp = g_file_test(pub, G_FILE_TEST_EXISTS) ? pub : NULL;
    char *pass = NULL;
    int r;

    if (!g_file_test(keyfile, G_FILE_TEST_EXISTS)) {
        g_string_append_printf(why, "; key file '%s' does not exist", keyfile);
        return FALSE;
    }
    r = libssh2_userauth_publickey_fromfile(t->session, t->user, pubp, keyfile, NULL);
    if (r == 0)
        return TRUE;
    if (r == LIBSSH2_ERROR_FILE || r == LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED) {
        /* Encrypted key (or a wrong guess at no passphrase): ask. */
        g_autofree char *prompt = g_strdup_printf("Passphrase for key '%s':", keyfile);
        pass = ask(t->auth, CV_CRED_PASSPHRASE, prompt);
        if (pass) {
            r = libssh2_userauth_publickey_fromfile(t->session, t->user, pubp,
                                                    keyfile, pass);
            wipe_free(pass);
            if (r == 0)
                return TRUE;
        }
    }
    {
        g_autofree char *msg = ssh_last_error(t->session);
        g_string_append_printf(why, "; key '%s' refused: %s", keyfile, msg);
    }
    return FALSE;
}

static int
ssh_authenticate(cv_rpc_ssh *t, const cv_uri *uri)
{
    const char *keyfile = cv_uri_get_param(uri, "keyfile");
    const char *order = cv_uri_get_param(uri, "sshauth");
    g_auto(GStrv) methods = g_strsplit(order ? order : "agent,privkey,password,"
                                       "keyboard-interactive", ",", -1);
    g_autoptr(GString) why = g_string_new("");
    const char *offered;

    offered = libssh2_userauth_list(t->session, t->user, strlen(t->user));
    if (!offered) {
        if (libssh2_userauth_authenticated(t->session))
            return 0;
        offered = "";
    }
    for (char **m = methods; *m; m++) {
        if (g_str_equal(*m, "agent")) {
            if (strstr(offered, "publickey") && auth_agent(t))
                return 0;
        } else if (g_str_equal(*m, "privkey")) {
            if (!strstr(offered, "publickey"))
                continue;
            if (keyfile) {
                if (auth_keyfile(t, keyfile, why))
                    return 0;
            } else {
                static const char *const defaults[] = { "id_ed25519", "id_ecdsa", "id_rsa" };
                for (guint i = 0; i < G_N_ELEMENTS(defaults); i++) {
                    g_autofree char *p = g_build_filename(g_get_home_dir(), ".ssh",
                                                          defaults[i], NULL);
                    g_autoptr(GString) ignored = g_string_new("");
                    if (g_file_test(p, G_FILE_TEST_EXISTS) && auth_keyfile(t, p, ignored))
                        return 0;
                }
            }
        } else if (g_str_equal(*m, "password")) {
            g_autofree char *prompt = NULL;
            char *pw;

            if (!strstr(offered, "password"))
                continue;
            prompt = g_strdup_printf("Password for %s@%s:", t->user, uri->host);
            pw = ask(t->auth, CV_CRED_PASSWORD, prompt);
            if (pw) {
                int r = libssh2_userauth_password(t->session, t->user, pw);
                wipe_free(pw);
                if (r == 0)
                    return 0;
                g_string_append(why, "; password refused");
            }
        } else if (g_str_equal(*m, "keyboard-interactive")) {
            int r;

            if (!strstr(offered, "keyboard-interactive") || !t->auth || !t->auth->cb)
                continue;
            g_mutex_lock(&kbd_lock);
            kbd_current = t;
            r = libssh2_userauth_keyboard_interactive(t->session, t->user, kbd_callback);
            kbd_current = NULL;
            g_mutex_unlock(&kbd_lock);
            if (r == 0)
                return 0;
            g_string_append(why, "; keyboard-interactive refused");
        } else {
            return cv_error_set(CV_ERR_INVALID_URI, CV_FROM_SSH,
                                "unknown method '%s' in sshauth= (use agent, privkey, "
                                "password, keyboard-interactive)", *m);
        }
    }
    return cv_error_set(CV_ERR_AUTH, CV_FROM_SSH,
                        "authentication as '%s' on %s failed (server offers: %s; "
                        "tried %s%s). Give a key with keyfile=PATH, run ssh-agent, "
                        "or answer password prompts with cv_connect_open_auth()",
                        t->user, uri->host, *offered ? offered : "none",
                        order ? order : "agent,privkey,password,keyboard-interactive",
                        why->str);
}

static void
pump_fail(cv_rpc_ssh *t, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void
pump_fail(cv_rpc_ssh *t, const char *fmt, ...)
{
    va_list ap;

    g_mutex_lock(&t->lock);
    if (!t->failure) {
        va_start(ap, fmt);
        t->failure = g_strdup_vprintf(fmt, ap);
        va_end(ap);
    }
    g_mutex_unlock(&t->lock);
}

/*
 * Moves bytes both ways until either side ends. libssh2 may hold decrypted
 * data it has not handed out yet, so the channel is read until EAGAIN before
 * each poll rather than only when the socket polls readable.
 */
static gpointer
pump_main(gpointer data)
{
    cv_rpc_ssh *t = data;
    guint8 *up = g_malloc(PUMP_BUF), *down = g_malloc(PUMP_BUF);
    gsize up_len = 0, up_off = 0, down_len = 0, down_off = 0;
    gboolean local_eof = FALSE, remote_eof = FALSE;

    for (;;) {
        struct pollfd pfd[2];
        gboolean progress = FALSE;
        int dirs;

        /* channel -> local */
        if (down_len == 0 && !remote_eof) {
            ssize_t n = libssh2_channel_read(t->channel, (char *)down, PUMP_BUF);
            if (n > 0) {
                down_len = n;
                down_off = 0;
                progress = TRUE;
            } else if (n == 0 || (n < 0 && n != LIBSSH2_ERROR_EAGAIN)) {
                if (n < 0) {
                    g_autofree char *msg = ssh_last_error(t->session);
                    pump_fail(t, "the SSH connection failed: %s", msg);
                    break;
                }
                if (libssh2_channel_eof(t->channel)) {
                    pump_fail(t, "the remote cloudvirtd closed its output");
                    remote_eof = TRUE;
                }
            }
        }
        if (down_len > 0) {
            ssize_t n = write(t->pump_fd, down + down_off, down_len);
            if (n > 0) {
                down_off += n;
                down_len -= n;
                progress = TRUE;
            } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
                break;      /* the client closed its end */
            }
        }
        if (remote_eof && down_len == 0)
            break;
        /* local -> channel */
        if (up_len == 0 && !local_eof) {
            ssize_t n = read(t->pump_fd, up, PUMP_BUF);
            if (n > 0) {
                up_len = n;
                up_off = 0;
                progress = TRUE;
            } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                local_eof = TRUE;   /* the client is closing: stop now */
                break;
            }
        }
        if (up_len > 0) {
            ssize_t n = libssh2_channel_write(t->channel, (char *)up + up_off, up_len);
            if (n > 0) {
                up_off += n;
                up_len -= n;
                progress = TRUE;
            } else if (n < 0 && n != LIBSSH2_ERROR_EAGAIN) {
                g_autofree char *msg = ssh_last_error(t->session);
                pump_fail(t, "sending over SSH failed: %s", msg);
                break;
            }
        }
        if (progress)
            continue;

        dirs = libssh2_session_block_directions(t->session);
        pfd[0].fd = t->sock;
        pfd[0].events = POLLIN;
        if (dirs & LIBSSH2_SESSION_BLOCK_OUTBOUND)
            pfd[0].events |= POLLOUT;
        pfd[1].fd = t->pump_fd;
        pfd[1].events = (up_len == 0 ? POLLIN : 0) | (down_len > 0 ? POLLOUT : 0);
        if (poll(pfd, 2, 1000) < 0 && errno != EINTR) {
            pump_fail(t, "poll failed: %s", g_strerror(errno));
            break;
        }
        if (pfd[1].revents & (POLLHUP | POLLERR) && !(pfd[1].revents & POLLIN))
            break;
    }
    pump_fail(t, "the SSH transport was closed");
    /* Wake the client's reader: it sees end of input. */
    shutdown(t->pump_fd, SHUT_RDWR);
    g_free(up);
    g_free(down);
    return NULL;
}

static void
ssh_free(cv_rpc_ssh *t)
{
    if (t->channel)
        libssh2_channel_free(t->channel);
    if (t->session) {
        libssh2_session_disconnect(t->session, "cloudvirt closing");
        libssh2_session_free(t->session);
    }
    if (t->tcp)
        g_object_unref(t->tcp);
    if (t->client_fd >= 0)
        close(t->client_fd);
    if (t->pump_fd >= 0)
        close(t->pump_fd);
    g_free(t->failure);
    g_mutex_clear(&t->lock);
    g_free(t);
}

cv_rpc_ssh *
cv_rpc_ssh_open(const cv_uri *uri, const char *command, const cv_rpc_auth *auth)
{
    static GOnce once = G_ONCE_INIT;
    g_autoptr(GSocketClient) sc = NULL;
    g_autoptr(GError) gerr = NULL;
    cv_rpc_ssh *t;
    int port = uri->port > 0 ? uri->port : 22;
    int sv[2], one = 1;

    g_once(&once, ssh_global_init, NULL);
    if (!uri->host || !*uri->host) {
        cv_error_set(CV_ERR_INVALID_URI, CV_FROM_SSH,
                     "a remote URI needs a host: DRIVER+ssh://[user@]host[:port]/path");
        return NULL;
    }
    t = g_new0(cv_rpc_ssh, 1);
    g_mutex_init(&t->lock);
    t->client_fd = t->pump_fd = -1;
    t->auth = auth;
    t->user = uri->user ? uri->user : g_get_user_name();

    sc = g_socket_client_new();
    g_socket_client_set_timeout(sc, 30);
    t->tcp = g_socket_client_connect_to_host(sc, uri->host, port, NULL, &gerr);
    if (!t->tcp) {
        cv_error_set_gerror(CV_ERR_SYSTEM, CV_FROM_SSH, gerr,
                            "cannot connect to %s port %d", uri->host, port);
        goto fail;
    }
    t->sock = g_socket_get_fd(g_socket_connection_get_socket(t->tcp));
    setsockopt(t->sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    /* GIO made it non-blocking; libssh2's blocking mode wants it blocking. */
    fcntl(t->sock, F_SETFL, fcntl(t->sock, F_GETFL) & ~O_NONBLOCK);

    t->session = libssh2_session_init();
    if (!t->session) {
        cv_error_set(CV_ERR_NO_MEMORY, CV_FROM_SSH, "libssh2_session_init failed");
        goto fail;
    }
    libssh2_session_set_blocking(t->session, 1);
    libssh2_session_set_timeout(t->session, 30000);
    if (libssh2_session_handshake(t->session, t->sock) != 0) {
        g_autofree char *msg = ssh_last_error(t->session);
        cv_error_set(CV_ERR_RPC, CV_FROM_SSH, "SSH handshake with %s port %d failed: %s",
                     uri->host, port, msg);
        goto fail;
    }
    if (ssh_check_host_key(t, uri, port) < 0)
        goto fail;
    if (ssh_authenticate(t, uri) < 0)
        goto fail;
    t->channel = libssh2_channel_open_session(t->session);
    if (!t->channel) {
        g_autofree char *msg = ssh_last_error(t->session);
        cv_error_set(CV_ERR_RPC, CV_FROM_SSH, "cannot open an SSH channel on %s: %s",
                     uri->host, msg);
        goto fail;
    }
    if (libssh2_channel_exec(t->channel, command) != 0) {
        g_autofree char *msg = ssh_last_error(t->session);
        cv_error_set(CV_ERR_RPC, CV_FROM_SSH, "cannot run '%s' on %s: %s",
                     command, uri->host, msg);
        goto fail;
    }
    /* cloudvirtd's stderr is not ours to read; keep it out of our stdout. */
    libssh2_channel_handle_extended_data2(t->channel, LIBSSH2_CHANNEL_EXTENDED_DATA_IGNORE);

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        cv_error_set_errno(CV_ERR_SYSTEM, CV_FROM_SSH, errno, "socketpair failed");
        goto fail;
    }
    t->client_fd = sv[0];
    t->pump_fd = sv[1];
    fcntl(t->pump_fd, F_SETFL, fcntl(t->pump_fd, F_GETFL) | O_NONBLOCK);
    fcntl(t->sock, F_SETFL, fcntl(t->sock, F_GETFL) | O_NONBLOCK);
    libssh2_session_set_blocking(t->session, 0);
    t->auth = NULL;
    t->pump = g_thread_new("cv-ssh-pump", pump_main, t);
    return t;

fail:
    ssh_free(t);
    return NULL;
}

int
cv_rpc_ssh_get_fd(cv_rpc_ssh *t)
{
    return t->client_fd;
}

char *
cv_rpc_ssh_dup_failure(cv_rpc_ssh *t)
{
    char *s;

    g_mutex_lock(&t->lock);
    s = g_strdup(t->failure);
    g_mutex_unlock(&t->lock);
    return s;
}

void
cv_rpc_ssh_close(cv_rpc_ssh *t)
{
    if (!t)
        return;
    if (t->pump) {
        shutdown(t->client_fd, SHUT_RDWR);
        g_thread_join(t->pump);
        t->pump = NULL;
        /* Best effort, never blocking: the peer may be gone or stopped. */
        libssh2_channel_send_eof(t->channel);
        libssh2_channel_close(t->channel);
    }
    ssh_free(t);
}
