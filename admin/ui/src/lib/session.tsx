/** Who is signed in (GET /me) and what their role lets them do; viewers see everything read-only. */
import { useQuery } from '@tanstack/react-query';
import { api, ok, tokenStore } from '../api/client';

export type Role = 'viewer' | 'editor' | 'admin';
const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export function useMe() {
  return useQuery({
    queryKey: ['me', tokenStore.get()],
    queryFn: () => ok(api.GET('/v1/admin/me')),
    enabled: !!tokenStore.get(),
    retry: false,
    staleTime: 60_000,
  });
}

/** @example const can = useCan(); can('editor') // false for a viewer */
export function useCan(): (min: Role) => boolean {
  const { data } = useMe();
  return (min) => !!data && RANK[data.role] >= RANK[min];
}
