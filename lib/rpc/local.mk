# lib/rpc: the remote protocol (frames, GVariant messages, the libssh2
# transport, the client and the server dispatch used by cloudvirtd).
noinst_LTLIBRARIES += lib/rpc/libcvrpc.la
lib_rpc_libcvrpc_la_SOURCES = \
	lib/rpc/protocol.h \
	lib/rpc/frame.c \
	lib/rpc/codec.c \
	lib/rpc/procinfo.c \
	lib/rpc/transport.h lib/rpc/transport-ssh.c \
	lib/rpc/client.h lib/rpc/client.c \
	lib/rpc/server.h lib/rpc/server.c lib/rpc/server-dispatch.c
lib_rpc_libcvrpc_la_CFLAGS = $(AM_CFLAGS) $(SSH2_CFLAGS)
lib_rpc_libcvrpc_la_LIBADD = $(GLIB_LIBS) $(SSH2_LIBS)
lib_libcloudvirt_la_LIBADD += lib/rpc/libcvrpc.la $(SSH2_LIBS)
