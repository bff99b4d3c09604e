/* list: intrusive doubly linked circular lists.  Embed a struct ovs_list in
 * each element; the list head is a struct ovs_list too. */
#ifndef LIST_H
#define LIST_H 1

#include <stdbool.h>
#include <stddef.h>
#include "util.h"

struct ovs_list {
    struct ovs_list *prev;
    struct ovs_list *next;
};

#define OVS_LIST_INITIALIZER(LIST) { LIST, LIST }

static inline void
ovs_list_init(struct ovs_list *list)
{
    list->next = list->prev = list;
}

/* Inserts ELEM just before BEFORE. */
static inline void
ovs_list_insert(struct ovs_list *before, struct ovs_list *elem)
{
    elem->prev = before->prev;
    elem->next = before;
    before->prev->next = elem;
    before->prev = elem;
}

static inline void
ovs_list_push_front(struct ovs_list *list, struct ovs_list *elem)
{
    ovs_list_insert(list->next, elem);
}

static inline void
ovs_list_push_back(struct ovs_list *list, struct ovs_list *elem)
{
    ovs_list_insert(list, elem);
}

/* Removes ELEM; returns the element that followed it. */
static inline struct ovs_list *
ovs_list_remove(struct ovs_list *elem)
{
    elem->prev->next = elem->next;
    elem->next->prev = elem->prev;
    return elem->next;
}

static inline struct ovs_list *
ovs_list_pop_front(struct ovs_list *list)
{
    struct ovs_list *front = list->next;
    ovs_list_remove(front);
    return front;
}

static inline struct ovs_list *
ovs_list_pop_back(struct ovs_list *list)
{
    struct ovs_list *back = list->prev;
    ovs_list_remove(back);
    return back;
}

static inline struct ovs_list *
ovs_list_front(const struct ovs_list *list)
{
    return list->next;
}

static inline struct ovs_list *
ovs_list_back(const struct ovs_list *list)
{
    return list->prev;
}

static inline bool
ovs_list_is_empty(const struct ovs_list *list)
{
    return list->next == list;
}

static inline size_t
ovs_list_size(const struct ovs_list *list)
{
    size_t n = 0;
    for (const struct ovs_list *e = list->next; e != list; e = e->next) {
        n++;
    }
    return n;
}

/* Moves all elements of SRC to the end of DST; SRC becomes empty. */
static inline void
ovs_list_splice_back(struct ovs_list *dst, struct ovs_list *src)
{
    if (!ovs_list_is_empty(src)) {
        src->next->prev = dst->prev;
        dst->prev->next = src->next;
        src->prev->next = dst;
        dst->prev = src->prev;
        ovs_list_init(src);
    }
}

/* Marks ELEM as not in any list (for ovs_list_is_linked() checks). */
static inline void
ovs_list_poison(struct ovs_list *elem)
{
    elem->prev = elem->next = NULL;
}

/* Iteration macros.  ITER is a pointer variable of the element type; a
 * hidden cursor named after it walks the list, so after a loop that ran to
 * completion ITER's value is unspecified.  The _SAFE form allows removing
 * ITER inside the body. */
#define LIST_FOR_EACH(ITER, MEMBER, LIST)                               \
    for (struct ovs_list *ITER##__c = (LIST)->next;                     \
         ITER##__c != (LIST)                                            \
         && (ASSIGN_CONTAINER(ITER, ITER##__c, MEMBER), 1);             \
         ITER##__c = ITER##__c->next)

#define LIST_FOR_EACH_REVERSE(ITER, MEMBER, LIST)                       \
    for (struct ovs_list *ITER##__c = (LIST)->prev;                     \
         ITER##__c != (LIST)                                            \
         && (ASSIGN_CONTAINER(ITER, ITER##__c, MEMBER), 1);             \
         ITER##__c = ITER##__c->prev)

#define LIST_FOR_EACH_SAFE(ITER, MEMBER, LIST)                          \
    for (struct ovs_list *ITER##__c = (LIST)->next,                     \
             *ITER##__n = ITER##__c->next;                              \
         ITER##__c != (LIST)                                            \
         && (ASSIGN_CONTAINER(ITER, ITER##__c, MEMBER), 1);             \
         ITER##__c = ITER##__n, ITER##__n = ITER##__c->next)

#define LIST_FOR_EACH_POP(ITER, MEMBER, LIST)                           \
    while (!ovs_list_is_empty(LIST)                                     \
           && (ASSIGN_CONTAINER(ITER, ovs_list_pop_front(LIST), MEMBER), 1))

#endif /* list.h */
