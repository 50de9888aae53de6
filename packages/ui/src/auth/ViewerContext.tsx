import { createContext, useContext } from 'react';
import type { MeQuery } from '../gql/graphql';

export type Viewer = NonNullable<MeQuery['me']>;

export const ViewerContext = createContext<Viewer | null>(null);

/** The signed-in user; only valid below `RequireAuth`. */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer() must be used below <RequireAuth>');
  return viewer;
}
