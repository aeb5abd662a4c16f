/*
 * Network definitions: the supported subset of libvirt's network XML.
 */
#pragma once

#include <stdbool.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <glib.h>
#include <cloudvirt/cv-common.h>

typedef struct {
    int family;                 /* AF_INET or AF_INET6 */
    unsigned char addr[16];     /* network byte order; 4 bytes used for IPv4 */
} cv_net_addr;

typedef struct {
    cv_net_addr start, end;
} cv_net_range;

typedef struct {
    char *mac;                  /* IPv4 hosts are matched by MAC */
    char *name;
    cv_net_addr ip;
} cv_net_host;

typedef struct {
    cv_net_addr address;        /* the host side address, e.g. 192.168.122.1 */
    unsigned int prefix;        /* 0-32 / 0-128 */
    GArray *ranges;             /* cv_net_range: DHCP ranges */
    GPtrArray *hosts;           /* cv_net_host*: static leases */
} cv_net_ip;

typedef struct {
    char *name;
    unsigned char uuid[CV_UUID_BUFLEN];
    char *forward_mode;         /* NULL (isolated), nat, route, bridge, open */
    char *forward_dev;
    char *bridge;               /* bridge name; generated when absent */
    bool stp;
    unsigned int delay;
    char *mac;
    char *domain;               /* DNS domain */
    GPtrArray *ips;             /* cv_net_ip* */
} cv_network_def;

cv_network_def *cv_network_def_parse(const char *xml);
char *cv_network_def_format(const cv_network_def *def);
cv_network_def *cv_network_def_copy(const cv_network_def *def);
void cv_network_def_free(cv_network_def *def);

/* TRUE when any address range of @a overlaps one of @b; *what describes the
 * overlap ("192.168.122.0/24 overlaps 192.168.0.0/16"), caller frees. */
gboolean cv_network_def_overlaps(const cv_network_def *a, const cv_network_def *b,
                                 char **what);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cv_network_def, cv_network_def_free)
