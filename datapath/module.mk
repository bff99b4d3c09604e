# datapath/: the userspace datapath (arrives with the ovs-vswitchd issue).
