import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One of our orders as the admin API lists it. Amounts are decimal text. */
@Entity('rm_orders')
export class OrderViewRow {
  @PrimaryColumn('text')
  orderId!: string;

  @Index()
  @Column('text')
  market!: string;

  @Column('text')
  side!: string;

  @Column('text')
  orderType!: string;

  @Column('text')
  timeInForce!: string;

  @Index()
  @Column('text')
  status!: string;

  @Column('text', { nullable: true })
  price!: string | null;

  @Column('text', { nullable: true })
  volume!: string | null;

  @Column('text', { nullable: true })
  funds!: string | null;

  @Column('text')
  executedVolume!: string;

  @Column('text')
  executedFunds!: string;

  @Column('text')
  paidFee!: string;

  @Column('text', { nullable: true })
  exchangeOrderId!: string | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text', { nullable: true })
  correlationId!: string | null;

  @Index()
  @Column('bigint')
  submittedAt!: number;

  @Column('bigint')
  updatedAt!: number;
}
