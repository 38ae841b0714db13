import { type Protocol } from '@grove/shared';
import { type ProtocolKey } from './validate.ts';

// The setters the protocol's section views get from the stage.

export type SetFn = <K extends ProtocolKey>(key: K, value: Protocol[K]) => void;

export type ErrFn = (path: string) => string | undefined;
